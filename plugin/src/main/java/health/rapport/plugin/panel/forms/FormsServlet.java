package health.rapport.plugin.panel.forms;

import health.rapport.plugin.careplan.CarePlanEngine;
import health.rapport.plugin.config.AppConfiguration;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.BundleClassLoader;
import health.rapport.plugin.fhir.FhirIds;
import health.rapport.plugin.fhir.FhirRuntime;
import health.rapport.plugin.http.ContextGate;
import health.rapport.plugin.http.JsonAnswers;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.http.RapportHttpContext;
import health.rapport.plugin.panel.PanelAccess;
import health.rapport.plugin.panel.PanelAnswers;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The panel's forms: {@code GET <context>/app/api/forms/<id>[?patient=<id>]} gives the Questionnaire ready to
 * render ({@link FormQuestionnaires}; the session record with the patient's planned work first, {@link PlannedFirst}); {@code POST <context>/app/api/forms/<id>?patient=<id>}
 * saves a filled QuestionnaireResponse and processes it ({@link ResponseSubmission}).
 * Refusals come back as an OperationOutcome in plain words with a 4xx; nothing is written then.
 */
@Component(service = Servlet.class, configurationPid = AppConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardServletPattern("/app/api/forms/*")
@HttpWhiteboardServletName("rapport-app-forms")
public final class FormsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern PATH = Pattern.compile("/([a-z0-9-]{1,64})");
    private static final int MAX_BODY = 2 * 1024 * 1024;

    private final transient PanelAccess access;
    private final transient FormQuestionnaires forms;
    private final transient ResponseSubmission submission;
    private final transient FhirRuntime runtime;
    private final transient CarePlanEngine engine;

    @Activate
    public FormsServlet(AppConfiguration configuration, @Reference ContentLibrary library,
            @Reference FhirRuntime runtime, @Reference ChartStore store, @Reference CarePlanEngine engine,
            BundleContext context) {
        this.access = PanelAccess.of(configuration);
        this.forms = new FormQuestionnaires(library);
        this.runtime = runtime;
        this.engine = engine;
        this.submission = new ResponseSubmission(store, forms, engine.responses(), runtime.context(),
                context.getBundle().getVersion().toString());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> form = formId(request, response);
        if (form.isEmpty()) {
            return;
        }
        String patient = request.getParameter("patient");
        if (patient != null && !FhirIds.valid(patient)) {
            JsonAnswers.problem(response, 400, "?patient= must be a FHIR patient id.");
            return;
        }
        Optional<String> body;
        try {
            body = BundleClassLoader.call(() -> forms.form(form.get()).map(q -> forPatient(form.get(), q, patient))
                    .map(q -> runtime.context().newJsonParser().encodeResourceToString(q)));
        } catch (ChartStoreException e) {
            PanelAnswers.storeFailure(response, e, "read the patient's plan for the form", "The form was not opened.");
            return;
        }
        if (body.isEmpty()) {
            JsonAnswers.problem(response, 404, "There is no form " + form.get() + ".");
            return;
        }
        JsonAnswers.sendFhir(response, 200, body.get());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> form = formId(request, response);
        if (form.isEmpty()) {
            return;
        }
        String patient = request.getParameter("patient");
        if (!FhirIds.valid(patient)) {
            JsonAnswers.problem(response, 400, "Saving a form needs ?patient= with a FHIR patient id.");
            return;
        }
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            JsonAnswers.problem(response, 413, "The form's answers are larger than " + MAX_BODY + " bytes.");
            return;
        }
        try {
            Map<String, Object> result = BundleClassLoader.call(() ->
                    submission.submit(form.get(), patient, new String(bytes, StandardCharsets.UTF_8)));
            JsonAnswers.send(response, 200, result);
        } catch (OperationFailure e) {
            JsonAnswers.problem(response, e);
        } catch (ChartStoreException e) {
            PanelAnswers.storeFailure(response, e, "save the form", "Nothing was saved.");
        }
    }

    /**
     * The session record for a patient with an open course lists the work their plan still has to do first
     * ({@link PlannedFirst}); every other form, and the session record without a course, as shipped.
     */
    private org.hl7.fhir.r4.model.Questionnaire forPatient(String formId, org.hl7.fhir.r4.model.Questionnaire form,
            String patient) {
        if (patient == null || !"session-record".equals(formId)) {
            return form;
        }
        return engine.enrollment().openCourse(patient).map(plan -> PlannedFirst.order(form, plan)).orElse(form);
    }

    /** The form id of the path, once access is checked; empty after answering a refusal. */
    private Optional<String> formId(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> refusal = access.refusal();
        if (refusal.isPresent()) {
            JsonAnswers.problem(response, 401, refusal.get());
            return Optional.empty();
        }
        Matcher path = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.matches()) {
            JsonAnswers.problem(response, 404, "There is no such form.");
            return Optional.empty();
        }
        return Optional.of(path.group(1));
    }

}
