package health.rapport.plugin.exchange.export;

import health.rapport.plugin.exchange.Identifiers;
import health.rapport.plugin.exchange.ProcessNotes;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

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
        ProcessNotes.notes(resource).removeIf(processNotes::labelled);
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
}
