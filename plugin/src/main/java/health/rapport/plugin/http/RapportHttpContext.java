package health.rapport.plugin.http;

import health.rapport.plugin.config.HttpContextConfiguration;
import health.rapport.plugin.fhir.JvmWideCaches;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The servlet context every Rapport endpoint lives in. Its path comes from
 * {@link HttpContextConfiguration}; servlets select it by name through {@link #SELECT}.
 *
 * <p>Every whiteboard service of Rapport (servlet, filter, resource, error page) requires the
 * {@link ContextGate}, which requires this context: Declarative Services registers them only while the
 * context exists, and unregisters them before the context goes (why that order matters, and how it is
 * kept, is the gate's story).
 */
@Component(service = ServletContextHelper.class,
        configurationPid = HttpContextConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@HttpWhiteboardContext(name = RapportHttpContext.NAME, path = "/rapport")
@Designate(ocd = HttpContextConfiguration.class)
public final class RapportHttpContext extends ServletContextHelper {

    public static final String NAME = "rapport";
    public static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";
    /** The name of the {@link ContextGate}'s reference to this context. */
    public static final String REFERENCE = "rapportContext";

    /** Requests between {@link #handleSecurity} and {@link #finishSecurity}: running Rapport's code on Jetty's threads. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closing;

    @Activate
    public RapportHttpContext(BundleContext context) {
        super(context.getBundle());
        // Before the first request: Jetty's threads are the ones that keep what Jackson caches per thread.
        JvmWideCaches.track();
    }

    /**
     * A changed configuration (a new path) keeps this instance and its registration: SCR changes the
     * service's properties and the whiteboard moves the context with every service in it. Without this
     * method SCR would unregister the context and register a new one, and the gate and every service
     * behind it would go in reaction to that unregistration, the order {@link ContextGate} exists to avoid.
     */
    @Modified
    void modified() {
        // The path is a service property, which SCR has already changed.
    }

    /** Lets every request in; counts it until it has finished. */
    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) {
        inFlight.incrementAndGet();
        return true;
    }

    /** The whiteboard calls this after the request, also when the servlet threw. */
    @Override
    public void finishSecurity(HttpServletRequest request, HttpServletResponse response) {
        if (inFlight.decrementAndGet() == 0 && closing) {
            JvmWideCaches.release();
        }
    }

    /**
     * Every servlet and filter of the context has been unregistered by now (through the gate), but a
     * request that was already running (a readiness probe waiting for the FHIR server, say) still runs
     * the old code and fills Jackson's per-thread buffers when it writes its answer: those of the
     * requests still running are released when the last of them finishes.
     */
    @Deactivate
    void deactivate() {
        closing = true;
        if (inFlight.get() == 0) {
            JvmWideCaches.release();
        }
    }
}
