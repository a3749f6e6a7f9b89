package health.rapport.plugin.careplan;

import health.rapport.plugin.sessions.CourseFormat;
import java.time.LocalDate;
import java.util.Objects;
import org.hl7.fhir.r4.model.Coding;

/**
 * An enrolment as the clinician asks for it.
 *
 * @param patientId      the patient's id on the FHIR server
 * @param planCanonical  the course's PlanDefinition (default: the format's course)
 * @param sessions       contracted sessions, 8–20 (default 16)
 * @param start          first session (default today)
 * @param practitionerId the treating clinician's Practitioner id, or null
 * @param route          integration route (default: assimilative)
 * @param format         individual, conjoint (with the partner's RelatedPerson) or group (with the Group)
 */
public record EnrollmentRequest(String patientId, String planCanonical, int sessions, LocalDate start,
        String practitionerId, Coding route, CourseFormat format) {

    public EnrollmentRequest {
        Objects.requireNonNull(format, "format");
    }

    public EnrollmentRequest(String patientId, String planCanonical, int sessions, LocalDate start,
            String practitionerId, Coding route) {
        this(patientId, planCanonical, sessions, start, practitionerId, route, CourseFormat.INDIVIDUAL);
    }
}
