package health.rapport.plugin.panel;

import health.rapport.plugin.config.AppConfiguration;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.content.Displays;
import health.rapport.plugin.http.ContextGate;
import health.rapport.plugin.http.JsonAnswers;
import health.rapport.plugin.http.RapportHttpContext;
import health.rapport.plugin.safety.ChartSafety;
import health.rapport.plugin.safety.ClinicalRules;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.ParallelReads;
import health.rapport.plugin.store.StoreFailure;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET <context>/app/api/chart?patient=<id>}: the panel's view of one patient as JSON,
 * read with the clinician's token from the SMART launch ({@link CallerAuthenticationFilter}), so the
 * EHR decides what this clinician may see. Without a token only a configured sandbox is
 * answered. Refusals and failures come back as an OperationOutcome in plain words.
 */
@Component(service = Servlet.class, configurationPid = AppConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardServletPattern("/app/api/chart")
@HttpWhiteboardServletName("rapport-app-chart")
public final class ChartViewServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final PanelAccess access;
    private final transient Optional<ChartStore> store;
    private final transient ClinicalRules rules;
    private final transient Displays displays;
    /** Threads for one chart's independent reads; eight covers a view's widest round (seven reads). */
    private final transient ParallelReads reads = ParallelReads.pool("rapport-chart-read", 8);

    @Activate
    public ChartViewServlet(AppConfiguration configuration,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ChartStore store, @Reference ClinicalRules rules, @Reference ContentLibrary library) {
        this.access = PanelAccess.of(configuration);
        this.store = Optional.ofNullable(store);
        this.rules = rules;
        this.displays = new Displays(library);
    }

    @Deactivate
    void stop() {
        reads.close();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> requested = PanelAnswers.requestedId(request, response, access, store.isPresent(), "patient",
                "patient");
        if (requested.isEmpty()) {
            return;
        }
        String patient = requested.get();
        try {
            JsonAnswers.send(response, HttpServletResponse.SC_OK, new ChartView(store.get(), new ChartSafety(store.get(), rules.safety()),
                    Clock.systemUTC(), rules.alliance(), reads, displays).of(patient));
        } catch (ChartStoreException e) {
            if (e.failure() == StoreFailure.NOT_FOUND) {
                JsonAnswers.problem(response, HttpServletResponse.SC_NOT_FOUND, "The EHR has no patient with id "
                        + patient + ".");
                return;
            }
            PanelAnswers.storeFailure(response, e, "read the chart", "");
        }
    }

}
