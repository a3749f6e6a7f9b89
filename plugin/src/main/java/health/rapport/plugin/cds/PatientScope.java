package health.rapport.plugin.cds;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

/**
 * Whether a resource is about the patient of the hook call. Prefetch and search results are the
 * EHR's, but a card about one patient must never rest on another patient's answers, so anything
 * that does not name this patient is dropped.
 */
final class PatientScope {

    private PatientScope() {
    }

    static boolean belongs(Resource resource, String patientId) {
        if (resource instanceof Patient patient) {
            return patientId.equals(patient.getIdElement().getIdPart());
        }
        Reference subject;
        if (resource instanceof CarePlan r) {
            subject = r.getSubject();
        } else if (resource instanceof QuestionnaireResponse r) {
            subject = r.getSubject();
        } else if (resource instanceof Observation r) {
            subject = r.getSubject();
        } else if (resource instanceof Task r) {
            subject = r.getFor();
        } else if (resource instanceof Condition r) {
            subject = r.getSubject();
        } else {
            return false;
        }
        return "Patient".equals(subject.getReferenceElement().getResourceType())
                && patientId.equals(subject.getReferenceElement().getIdPart());
    }
}
