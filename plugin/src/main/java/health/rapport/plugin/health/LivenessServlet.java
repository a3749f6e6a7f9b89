package health.rapport.plugin.health;

import health.rapport.plugin.http.ContextGate;
import health.rapport.plugin.http.JsonAnswers;
import health.rapport.plugin.http.RapportHttpContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
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
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardServletPattern("/health/live")
@HttpWhiteboardServletName("rapport-liveness")
public final class LivenessServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Live body;

    @Activate
    public LivenessServlet(BundleContext context) {
        this.body = new Live("UP", context.getBundle().getVersion().toString());
    }

    /** The answer: {@code {"status":"UP","version":"…"}}. */
    public record Live(String status, String version) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonAnswers.send(response, HttpServletResponse.SC_OK, body);
    }
}
