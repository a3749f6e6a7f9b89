package health.rapport.plugin.careplan;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.store.CallerToken;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

/**
 * The Provenance every Rapport write carries: who asked as author — the request's caller (the
 * {@code fhirUser} Practitioner, or else the OAuth client as a Device) when the write is made for
 * a caller, or else the clinician Rapport's own background work acts for (e.g. a response's
 * author) — and Rapport as the software that assembled the resources. Tagged with the write's
 * key so a retried write records it once.
 */
public final class Provenances {

    private Provenances() {
    }

    public static Provenance of(List<Reference> targets, Reference clinician, String rapportVersion,
            String operation, String writeKey, String reason) {
        Provenance provenance = new Provenance();
        targets.forEach(t -> provenance.addTarget(t.copy()));
        provenance.setRecorded(new Date());
        provenance.setActivity(new CodeableConcept(new Coding(Canonicals.V3_DATA_OPERATION, operation,
                "CREATE".equals(operation) ? "create" : "revise")));
        if (reason != null) {
            provenance.getReasonFirstRep().setText(reason);
        }
        Reference author = caller().orElse(clinician);
        if (author != null) {
            provenance.addAgent()
                    .setType(new CodeableConcept(new Coding(Canonicals.PROVENANCE_PARTICIPANT_TYPE, "author", "Author")))
                    .setWho(author.copy());
        }
        provenance.addAgent()
                .setType(new CodeableConcept(new Coding(Canonicals.PROVENANCE_PARTICIPANT_TYPE, "assembler", "Assembler")))
                .setWho(new Reference()
                        .setType("Device")
                        .setIdentifier(new Identifier().setSystem(Canonicals.DEVICE_IDENTIFIER_SYSTEM).setValue("rapport"))
                        .setDisplay("Rapport " + rapportVersion));
        provenance.getMeta().addTag(Canonicals.TAG_WRITE, writeKey, null);
        return PrivacyLabels.clinical(provenance);
    }

    /** The request's caller as an agent: their Practitioner, or else their OAuth client as a Device. */
    public static java.util.Optional<Reference> caller() {
        return CallerToken.caller().flatMap(caller -> caller.practitioner()
                .map(id -> new Reference("Practitioner/" + id))
                .or(() -> caller.clientId().map(client -> new Reference().setType("Device")
                        .setIdentifier(new Identifier().setSystem(Canonicals.SMART_CLIENT_SYSTEM).setValue(client))
                        .setDisplay("SMART client " + client))));
    }
}
