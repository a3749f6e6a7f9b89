package health.rapport.plugin.exchange;

import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import java.util.List;

/**
 * What every exported resource goes through: server bookkeeping (version, source) is dropped,
 * Rapport's server-local identifiers give way to the origin identifier, notes labelled PSYTHPN
 * are removed, and resource narratives are left behind: they were written for the sender's
 * chart and may say what the structured data no longer does. The Composition carries the
 * human-readable summary.
 */
final class ExportPreparer {

    private final ProcessNotes processNotes;

    ExportPreparer(ProcessNotes processNotes) {
        this.processNotes = processNotes;
    }

    /** Prepares {@code resource} (already a copy) in place. */
    <T extends DomainResource> T prepare(T resource, String absoluteUrl) {
        resource.getMeta().setVersionId(null);
        resource.getMeta().setSource(null);
        resource.setText(null);
        Identifiers.forExport(resource, Identifiers.origin(resource, absoluteUrl));
        notes(resource).removeIf(processNotes::labelled);
        return resource;
    }

    /** The patient with what matching needs and a reader expects, nothing else (minimum necessary). */
    Patient patient(Patient stored) {
        Patient patient = new Patient();
        patient.setId(stored.getIdElement().getIdPart());
        stored.getIdentifier().stream().filter(i -> !Identifiers.isRapports(i)).forEach(i -> patient.addIdentifier(i.copy()));
        stored.getName().forEach(n -> patient.addName(n.copy()));
        patient.setGenderElement(stored.getGenderElement().copy());
        patient.setBirthDateElement(stored.getBirthDateElement().copy());
        stored.getMeta().getSecurity().forEach(s -> patient.getMeta().addSecurity(s.copy()));
        return patient;
    }

    private static List<Annotation> notes(Resource resource) {
        if (resource instanceof CarePlan plan) {
            return plan.getNote();
        }
        if (resource instanceof Goal goal) {
            return goal.getNote();
        }
        if (resource instanceof Condition condition) {
            return condition.getNote();
        }
        if (resource instanceof Observation observation) {
            return observation.getNote();
        }
        return new java.util.ArrayList<>();
    }
}
