package health.rapport.plugin.careplan;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.Coding;

/**
 * An enrolment as the clinician asks for it.
 *
 * @param patientId      the patient's id on the FHIR server
 * @param planCanonical  the course's PlanDefinition (default: the acute course)
 * @param sessions       contracted sessions, 8–20 (default 16)
 * @param start          first session (default today)
 * @param practitionerId the treating clinician's Practitioner id, or null
 * @param route          integration route (default: assimilative)
 */
public record EnrollmentRequest(String patientId, String planCanonical, int sessions, LocalDate start,
        String practitionerId, Coding route) {
}
