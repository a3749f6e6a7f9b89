package health.rapport.plugin.health;

import health.rapport.plugin.content.ContentRegistration;
import health.rapport.plugin.http.ContextGate;
import health.rapport.plugin.http.JsonAnswers;
import health.rapport.plugin.http.RapportHttpContext;
import health.rapport.plugin.store.CallerToken;
import health.rapport.plugin.store.ChartStore;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /rapport/health} and {@code /rapport/health/ready} (readiness, for a load balancer): 200
 * with the report when ready, 503 with the same report when not, so load balancers and people read
 * one answer. Liveness is {@link LivenessServlet}'s. Anyone may ask; the FHIR server's
 * address and failure details are shown only to a caller with a valid token.
 */
@Component(service = Servlet.class,
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardServletPattern({"/health", "/health/ready"})
@HttpWhiteboardServletName("rapport-health")
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient HealthReporter reporter;

    @Activate
    public HealthServlet(
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ChartStore store,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ContentRegistration content,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            CapabilityCheck capabilities,
            BundleContext context) {
        this.reporter = new HealthReporter(Optional.ofNullable(store), Optional.ofNullable(content),
                context.getBundle().getVersion().toString(), Optional.ofNullable(capabilities));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HealthReport full = reporter.report();
        // Details (the FHIR base URL, failure messages) only for a caller the EHR vouched for.
        HealthReport report = CallerToken.current().isPresent() ? full : full.withoutDetails();
        JsonAnswers.send(response, report.ready() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                report);
    }
}
