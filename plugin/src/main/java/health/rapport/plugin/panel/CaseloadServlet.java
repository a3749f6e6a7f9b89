package health.rapport.plugin.panel;

import health.rapport.plugin.caseload.CaseloadReader;
import health.rapport.plugin.config.AppConfiguration;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.content.Displays;
import health.rapport.plugin.fhir.FhirIds;
import health.rapport.plugin.http.ContextGate;
import health.rapport.plugin.http.JsonAnswers;
import health.rapport.plugin.http.RapportHttpContext;
import health.rapport.plugin.safety.ClinicalRules;
import health.rapport.plugin.store.CallerToken;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.ParallelReads;
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
 * {@code GET <context>/app/api/caseload[?page=&count=&sort=&order=&flag=]}: one page ({@link CaseloadPage})
 * of the signed-in clinician's open IPT courses with their flags ({@link CaseloadView}), read with the
 * clinician's token, so the EHR decides which patients they reach.
 * The clinician is the Practitioner the EHR vouched for (id_token or introspection {@code fhirUser});
 * without one there is no caseload to show (403).
 */
@Component(service = Servlet.class, configurationPid = AppConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardServletPattern("/app/api/caseload")
@HttpWhiteboardServletName("rapport-app-caseload")
public final class CaseloadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final PanelAccess access;
    private final transient Optional<ChartStore> store;
    private final transient ClinicalRules rules;
    private final transient Displays displays;
    /** Threads for the caseload's searches: five per chunk of patients, started together. */
    private final transient ParallelReads reads = ParallelReads.pool("rapport-caseload-read", 8);

    @Activate
    public CaseloadServlet(AppConfiguration configuration,
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
        Optional<String> refusal = access.refusal();
        if (refusal.isPresent()) {
            JsonAnswers.problem(response, HttpServletResponse.SC_UNAUTHORIZED, refusal.get());
            return;
        }
        Optional<String> clinician = CallerToken.practitioner().filter(FhirIds::valid);
        if (clinician.isEmpty()) {
            JsonAnswers.problem(response, HttpServletResponse.SC_FORBIDDEN, "The caseload is a clinician's: the EHR "
                    + "did not say which Practitioner you are (fhirUser). Open it from the EHR signed in as a clinician.");
            return;
        }
        CaseloadPage page;
        try {
            page = CaseloadPage.of(request::getParameter);
        } catch (IllegalArgumentException e) {
            JsonAnswers.problem(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        if (store.isEmpty()) {
            PanelAnswers.notConnected(response);
            return;
        }
        try {
            JsonAnswers.send(response, HttpServletResponse.SC_OK, new CaseloadView(new CaseloadReader(store.get(), reads),
                    rules, Clock.systemUTC(), displays).of(clinician.get(), page));
        } catch (ChartStoreException e) {
            PanelAnswers.storeFailure(response, e, "read the caseload", "");
        }
    }
}
