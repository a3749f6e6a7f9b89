package health.rapport.plugin.panel.forms;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import health.rapport.plugin.panel.SafetyView;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.careplan.ProcessingResult;
import health.rapport.plugin.careplan.Provenances;
import health.rapport.plugin.careplan.ResponseExtraction;
import health.rapport.plugin.careplan.ResponseProcessor;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.measures.MeasureScore;
import health.rapport.plugin.measures.TreatmentResponse;
import health.rapport.plugin.store.CallerToken;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.CreateOutcome;
import health.rapport.plugin.store.SearchValues;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a form filled in the panel and processes it, as the clinician. Everything that can be
 * wrong with the response is checked before anything is written (the same extraction the
 * processing runs, dry); a repeated save of the same filling (same identifier) stores it once.
 * If processing cannot finish after the save, the response is kept and the Subscription (or the
 * reconciliation) processes it later; the answer says so.
 */
public final class ResponseSubmission {

    static final String UUID_SYSTEM = "urn:ietf:rfc:3986";
    private static final Pattern UUID_URN = Pattern.compile("urn:uuid:[0-9a-fA-F-]{36}");
    private static final Logger LOG = LoggerFactory.getLogger(ResponseSubmission.class);

    private final ChartStore store;
    private final FormQuestionnaires forms;
    private final ResponseProcessor processor;
    private final FhirContext fhir;
    private final ResponseExtraction extraction = new ResponseExtraction();

    private final String rapportVersion;

    public ResponseSubmission(ChartStore store, FormQuestionnaires forms, ResponseProcessor processor, FhirContext fhir,
            String rapportVersion) {
        this.rapportVersion = rapportVersion;
        this.store = store;
        this.forms = forms;
        this.processor = processor;
        this.fhir = fhir;
    }

    public Map<String, Object> submit(String formId, String patientId, String body) {
        Questionnaire questionnaire = forms.form(formId)
                .orElseThrow(() -> OperationFailure.notFound("There is no form " + formId + "."));
        QuestionnaireResponse response = parse(body);
        String canonical = questionnaire.getUrl() + "|" + questionnaire.getVersion();
        String named = response.getQuestionnaire();
        if (named == null || !(named.equals(canonical) || named.equals(questionnaire.getUrl()))) {
            throw OperationFailure.invalid("The response answers " + (named == null ? "no questionnaire" : named)
                    + ", not the form " + formId + " (" + canonical + ").");
        }
        String subject = response.getSubject().getReference();
        if (subject != null && !subject.equals("Patient/" + patientId)) {
            throw OperationFailure.invalid("The response is about " + subject + ", not Patient/" + patientId + ".");
        }
        if (response.getStatus() != QuestionnaireResponseStatus.COMPLETED) {
            throw OperationFailure.invalid("Only a completed form is saved (status completed).");
        }
        Identifier identifier = response.getIdentifier();
        if (!UUID_SYSTEM.equals(identifier.getSystem()) || identifier.getValue() == null
                || !UUID_URN.matcher(identifier.getValue()).matches()) {
            throw OperationFailure.invalid("The response needs an identifier (system " + UUID_SYSTEM
                    + ", a urn:uuid: value) so that saving twice stores it once.");
        }
        response.setId((String) null);
        response.setMeta(null);
        response.setQuestionnaire(canonical);
        response.setSubject(new Reference("Patient/" + patientId).setDisplay(response.getSubject().getDisplay()));
        if (!response.hasAuthored()) {
            response.setAuthored(new Date());
        }
        // The signed-in clinician is the author (a risk review names who assessed; every form who filled it in).
        Optional<Reference> clinician = CallerToken.practitioner().map(p -> new Reference("Practitioner/" + p));
        clinician.ifPresent(response::setAuthor);
        java.util.List<String> missing = RequiredAnswers.missing(questionnaire, response.getItem());
        if (!missing.isEmpty()) {
            throw OperationFailure.invalid("Required answers are missing: " + String.join("; ", missing) + ".");
        }
        PrivacyLabels.clinical(response);
        dryRun(response);

        CreateOutcome saved = store.createIfNoneExist(response, "identifier="
                + SearchValues.encode(UUID_SYSTEM + "|" + identifier.getValue()));
        String id = saved.id().getIdPart();
        String key = "save/" + identifier.getValue();
        store.createIfNoneExist(Provenances.of(List.of(new Reference("QuestionnaireResponse/" + id)), clinician.orElse(null),
                rapportVersion, "CREATE", key, "Form " + formId + " saved in Rapport's panel"),
                "_tag=" + SearchValues.encode(Canonicals.TAG_WRITE + "|" + key));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("responseId", id);
        out.put("created", saved.created());
        try {
            ProcessingResult result = processor.process(id, clinician.orElse(null));
            out.put("outcome", result.alreadyProcessed() ? "already-processed" : "processed");
            result.score().ifPresent(s -> out.put("score", score(s)));
            result.treatmentResponse().ifPresent(t -> out.put("treatmentResponse", treatment(t)));
            result.safety().ifPresent(state -> out.put("safety", SafetyView.of(state)));
            out.put("notes", result.notes());
        } catch (ChartStoreException | OperationFailure e) {
            // A refusal in Rapport's words may be shown; a FHIR server's answer is logged, never shown (it
            // names addresses and server codes), under the reference the clinician can quote.
            String reference = health.rapport.plugin.http.ErrorAnswers.correlationId();
            LOG.warn("[{}] QuestionnaireResponse/{} saved; processing deferred: {}", reference, id, e.getMessage());
            out.put("outcome", "saved");
            out.put("message", "The form is saved. Rapport could not process it just now ("
                    + (e instanceof OperationFailure ? e.getMessage() : "the EHR's FHIR server did not allow or answer it")
                    + "); it will be processed automatically shortly (reference " + reference + ").");
        }
        return out;
    }

    private QuestionnaireResponse parse(String body) {
        IBaseResource parsed;
        try {
            parsed = fhir.newJsonParser().parseResource(body);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw OperationFailure.invalid("The form's answers are not a FHIR QuestionnaireResponse in JSON.");
        }
        if (!(parsed instanceof QuestionnaireResponse response)) {
            throw OperationFailure.invalid("Expected a QuestionnaireResponse, got " + parsed.fhirType() + ".");
        }
        return response;
    }

    /** The processing's extraction without writing: it refuses what processing would refuse. */
    private void dryRun(QuestionnaireResponse response) {
        QuestionnaireResponse copy = response.copy();
        copy.setId("unsaved-check");
        copy.getMeta().setVersionId("0");
        extraction.extract(copy);
    }

    private static Map<String, Object> score(MeasureScore score) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("instrument", score.instrument().title());
        score.total().ifPresent(t -> out.put("total", t));
        score.severity().ifPresent(s -> out.put("severity", s.display()));
        score.item9().ifPresent(i -> out.put("item9", i));
        out.put("safetySignal", score.safetySignal());
        out.put("missingItems", score.missingItems());
        return out;
    }

    private static Map<String, Object> treatment(TreatmentResponse treatment) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", treatment.status().coding().getDisplay());
        out.put("reasons", treatment.reasons());
        return out;
    }
}
