package health.rapport.plugin.careplan;

import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.SearchValues;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;

/**
 * SDC {@code $populate}: a QuestionnaireResponse started from the chart. Every form names the
 * patient (subject, with the chart's name) and carries the Questionnaire's default answers
 * ({@code initial}); a re-assessment with the Interpersonal Inventory starts from the
 * relationships of the patient's previous Inventory, for the clinician to review rather than to
 * ask again.
 */
public final class ResponsePopulator {

    static final String RELATIONSHIPS = "relationships";

    private final ChartStore store;
    private final QuestionnaireFinder finder;

    /**
     * What {@code $populate} answers: the response and, when there is something to say, SDC's {@code issues}.
     *
     * @param response the started response
     * @param issues   information and warnings (never errors: a request that cannot be populated is refused)
     */
    public record Population(QuestionnaireResponse response, Optional<OperationOutcome> issues) {
    }

    public ResponsePopulator(ChartStore store, ContentLibrary library) {
        this.store = store;
        this.finder = new QuestionnaireFinder(store, library);
    }

    public Population populate(PopulateRequest request) {
        Questionnaire questionnaire = finder.find(request);
        OperationOutcome issues = new OperationOutcome();
        request.notes().forEach(note -> issues.addIssue().setSeverity(IssueSeverity.WARNING)
                .setCode(IssueType.NOTSUPPORTED).setDiagnostics(note));
        QuestionnaireResponse response = populate(questionnaire, request.patientId(), issues);
        return new Population(response, issues.hasIssue() ? Optional.of(issues) : Optional.empty());
    }

    private QuestionnaireResponse populate(Questionnaire questionnaire, String patientId, OperationOutcome issues) {
        Patient patient = ChartWrites.require(store, Patient.class, patientId);
        QuestionnaireResponse response = new QuestionnaireResponse()
                .setQuestionnaire(PlanApplier.canonical(questionnaire))
                .setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS)
                .setAuthored(new Date())
                .setSubject(new Reference("Patient/" + patientId).setDisplay(displayName(patient)));
        Optional<QuestionnaireResponseItemComponent> previous = Optional.empty();
        if (Canonicals.QUESTIONNAIRE_INVENTORY.equals(questionnaire.getUrl())) {
            previous = previousInventory(patientId).flatMap(ResponsePopulator::relationships);
            if (previous.isEmpty()) {
                issues.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                        .setDiagnostics("No earlier Interpersonal Inventory of this patient: the relationships start empty.");
            }
        }
        // In the Questionnaire's order: the previous relationships where they belong, elsewhere the defaults.
        for (Questionnaire.QuestionnaireItemComponent item : questionnaire.getItem()) {
            if (previous.isPresent() && RELATIONSHIPS.equals(item.getLinkId())) {
                response.addItem(previous.get().copy());
            } else {
                InitialAnswers.of(item).ifPresent(response::addItem);
            }
        }
        return PrivacyLabels.clinical(response);
    }

    private Optional<QuestionnaireResponse> previousInventory(String patientId) {
        Bundle found = store.search("QuestionnaireResponse?subject=Patient/" + patientId + "&status=completed,amended"
                + "&questionnaire=" + SearchValues.encode(Canonicals.QUESTIONNAIRE_INVENTORY) + "&_sort=-authored&_count=1");
        return found.getEntry().stream().map(e -> (QuestionnaireResponse) e.getResource()).findFirst();
    }

    private static Optional<QuestionnaireResponseItemComponent> relationships(QuestionnaireResponse inventory) {
        return inventory.getItem().stream().filter(i -> RELATIONSHIPS.equals(i.getLinkId())).findFirst();
    }

    private static String displayName(Patient patient) {
        return patient.getName().isEmpty() ? null : patient.getNameFirstRep().getNameAsSingleString();
    }
}
