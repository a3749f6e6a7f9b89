package health.rapport.plugin.caseload;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Task;

/**
 * What the caseload read of one open course: the patient, the course's episode and plan, and the parts
 * of the patient's chart the flags are decided on.
 *
 * @param observations PHQ-9 and GAD-7 totals, PHQ-9 item 9, session alliance scores
 * @param phq9Responses PHQ-9 responses (item 9 of forms not processed yet)
 * @param riskReviews the clinician's risk reviews
 * @param sessions the course's session Encounters
 * @param requestedTasks the patient's requested Tasks
 * @param unavailable the item-9 sources that could not be read (then item 9 "could not be checked")
 */
public record CourseChart(Patient patient, EpisodeOfCare episode, CarePlan plan, List<Observation> observations,
        List<QuestionnaireResponse> phq9Responses, List<QuestionnaireResponse> riskReviews, List<Encounter> sessions,
        List<Task> requestedTasks, Set<String> unavailable) {

    public CourseChart {
        observations = List.copyOf(observations);
        phq9Responses = List.copyOf(phq9Responses);
        riskReviews = List.copyOf(riskReviews);
        sessions = List.copyOf(sessions);
        requestedTasks = List.copyOf(requestedTasks);
        unavailable = Set.copyOf(unavailable);
    }

    public String patientId() {
        return patient.getIdElement().getIdPart();
    }
}
