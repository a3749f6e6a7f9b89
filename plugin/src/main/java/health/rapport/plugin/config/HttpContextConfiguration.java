package health.rapport.plugin.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where Rapport's servlets live on the host's HTTP server. The attribute name maps to the
 * whiteboard property {@code osgi.http.whiteboard.context.path}, so configuration moves the
 * whole context without any code reading it.
 */
@ObjectClassDefinition(
        id = HttpContextConfiguration.PID,
        name = "Rapport: HTTP context",
        description = "The context path under which Rapport registers its servlets.")
public @interface HttpContextConfiguration {

    String PID = "health.rapport.http";

    @AttributeDefinition(name = "Context path",
            description = "Path prefix of every Rapport endpoint, starting with '/'.")
    String osgi_http_whiteboard_context_path() default "/rapport";
}
