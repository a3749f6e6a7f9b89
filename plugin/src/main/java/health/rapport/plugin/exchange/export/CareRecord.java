package health.rapport.plugin.exchange.export;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * A patient's IPT course as stored on the chart, before anything is filtered for sharing.
 *
 * @param questionnaires the Questionnaire canonical each of the patient's responses answers,
 *                       by the response's {@code QuestionnaireResponse/id}
 */
record CareRecord(Patient patient, CarePlan plan, List<Condition> conditions, List<Goal> goals,
        List<Observation> scores, Optional<QuestionnaireResponse> relapsePlan, Map<String, String> questionnaires) {
}
