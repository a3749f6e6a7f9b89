package health.rapport.plugin.http;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;

/**
 * What every Rapport whiteboard service (servlet, filter, resource, error page) requires as a reference
 * ({@link #REFERENCE}) instead of the {@link RapportHttpContext} itself. The gate requires the context, so
 * no whiteboard service of Rapport is registered without it; and it goes before the context, so that every
 * whiteboard service of Rapport is unregistered while the context is still there.
 *
 * <p>Why the order matters: Felix's whiteboard (HTTP Jetty 12 1.1.8, {@code WhiteboardManager}) marks a
 * service whose context goes first as failed ("no servlet context matching"), and when that service is
 * then unregistered it drops the failure but keeps the service in its table; every later {@code rapport}
 * context picks the gone service up and fails it with reason 2 ({@code FAILURE_REASON_SERVLET_CONTEXT_FAILURE}),
 * one failed entry per activation. A service that required the context directly went in reaction to the
 * context's unregistration, in the same service event the whiteboard reacts to, and which of the two
 * listeners runs first is the framework's choice, not Rapport's. Nobody but SCR listens to the gate, so
 * the services it takes down go while the whiteboard still serves the context.
 *
 * <p>Why the gate goes first when the bundle stops: SCR (Felix SCR 2.2) disposes a bundle's components one
 * by one in the order of its {@code Service-Component} header, which bnd writes sorted by component name,
 * and this class's name sorts before {@code RapportHttpContext} ({@code BundleManifestTest} pins the order).
 * Renaming either class must keep it so.
 */
@Component(service = ContextGate.class,
        reference = @Reference(name = RapportHttpContext.REFERENCE, service = ServletContextHelper.class,
                target = RapportHttpContext.SELECT))
public final class ContextGate {

    /** The name of the reference to the gate that every Rapport whiteboard service declares. */
    public static final String REFERENCE = "rapportContextGate";
}
