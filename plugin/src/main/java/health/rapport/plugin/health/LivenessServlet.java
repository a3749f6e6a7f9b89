package health.rapport.plugin.health;

import health.rapport.plugin.http.RapportHttpContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /rapport/health/live}: 200 as long as the bundle is active and serving, whatever the FHIR
 * server does. A process supervisor restarts on this one; a load balancer routes on readiness
 * ({@code /health/ready}), which a FHIR server outage turns to 503 without anything being restarted.
 */
// No reference but its context: it stays registered while the configuration and the FHIR server come and go.
@Component(service = Servlet.class,
        reference = @Reference(name = RapportHttpContext.REFERENCE, service = ServletContextHelper.class,
                target = RapportHttpContext.SELECT))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardServletPattern("/health/live")
@HttpWhiteboardServletName("rapport-liveness")
public final class LivenessServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final byte[] body;

    @Activate
    public LivenessServlet(BundleContext context) {
        this.body = ("{\"status\":\"UP\",\"version\":\"" + context.getBundle().getVersion() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
