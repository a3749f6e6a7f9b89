package health.rapport.plugin.careplan;

import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.SearchValues;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;

/**
 * SDC {@code $populate}: a QuestionnaireResponse started from the chart. Every form names the
 * patient (subject, with the chart's name); a re-assessment with the Interpersonal Inventory
 * starts from the relationships of the patient's previous Inventory, for the clinician to
 * review rather than to ask again.
 */
public final class ResponsePopulator {

    static final String RELATIONSHIPS = "relationships";

    private final ChartStore store;
    private final ContentLibrary library;

    public ResponsePopulator(ChartStore store, ContentLibrary library) {
        this.store = store;
        this.library = library;
    }

    public QuestionnaireResponse populate(String questionnaireId, String patientId) {
        Questionnaire questionnaire = library.byId(Questionnaire.class, questionnaireId)
                .orElseThrow(() -> OperationFailure.notFound("Questionnaire/" + questionnaireId
                        + " is not one of Rapport's questionnaires."));
        Patient patient = ChartWrites.require(store, Patient.class, patientId);
        QuestionnaireResponse response = new QuestionnaireResponse()
                .setQuestionnaire(PlanApplier.canonical(questionnaire))
                .setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS)
                .setAuthored(new Date())
                .setSubject(new Reference("Patient/" + patientId).setDisplay(displayName(patient)));
        if (Canonicals.QUESTIONNAIRE_INVENTORY.equals(questionnaire.getUrl())) {
            previousInventory(patientId).flatMap(ResponsePopulator::relationships)
                    .ifPresent(group -> response.addItem(group.copy()));
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
