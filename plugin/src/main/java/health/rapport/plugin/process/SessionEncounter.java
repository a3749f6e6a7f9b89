package health.rapport.plugin.process;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.fhir.FhirIds;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.StoreFailure;
import java.util.Date;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;

/**
 * The session a process event belongs to: an Encounter of one patient that took place. A process event
 * on a cancelled or erroneous Encounter, or one without a patient, is refused before anything is written.
 */
record SessionEncounter(String id, String patientId, Date start) {

    static SessionEncounter read(ChartStore store, String encounterId) {
        if (!FhirIds.valid(encounterId)) {
            throw OperationFailure.invalid("'" + encounterId + "' is not a FHIR id (letters, digits, '-' and '.', at most 64).");
        }
        Encounter encounter;
        try {
            encounter = store.read(Encounter.class, encounterId);
        } catch (ChartStoreException e) {
            if (e.failure() == StoreFailure.NOT_FOUND) {
                throw OperationFailure.notFound("Encounter/" + encounterId + " does not exist on the FHIR server.");
            }
            throw e;
        }
        return of(encounter);
    }

    static SessionEncounter of(Encounter encounter) {
        String id = encounter.getIdElement().getIdPart();
        String subject = encounter.getSubject().getReferenceElement().getResourceType();
        String patient = encounter.getSubject().getReferenceElement().getIdPart();
        if (!"Patient".equals(subject) || !FhirIds.valid(patient)) {
            throw OperationFailure.businessRule("Encounter/" + id + " has no Patient subject; a process event belongs "
                    + "to one patient's session.");
        }
        Encounter.EncounterStatus status = encounter.getStatus();
        if (status == Encounter.EncounterStatus.CANCELLED || status == Encounter.EncounterStatus.ENTEREDINERROR) {
            throw OperationFailure.businessRule("Encounter/" + id + " is " + status.toCode()
                    + ": a session that did not take place has no process to record.");
        }
        return new SessionEncounter(id, patient, encounter.getPeriod().getStart());
    }

    Reference reference() {
        return new Reference("Encounter/" + id);
    }

    Reference patient() {
        return new Reference("Patient/" + patientId);
    }
}
