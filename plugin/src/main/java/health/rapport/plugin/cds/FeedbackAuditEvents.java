package health.rapport.plugin.cds;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.security.VerifiedCaller;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * The AuditEvent recording one feedback item: which card, accepted or overridden and why, who
 * reported it (the verified CDS client). Rapport keeps no state, so the card is named by its
 * uuid only; the patient is not known here. Labelled like clinical content: a clinician's
 * override comment may speak about the patient.
 */
final class FeedbackAuditEvents {

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String URI_SYSTEM = "urn:ietf:rfc:3986";

    private FeedbackAuditEvents() {
    }

    /** The meta.tag code that makes a repeated feedback item a no-op. */
    static String writeKey(Feedback feedback) {
        return "cds-feedback/" + feedback.card() + "/" + feedback.outcome();
    }

    static AuditEvent of(Feedback feedback, VerifiedCaller caller, Date recorded) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding(DCM, "110100", "Application Activity"));
        event.setAction(AuditEvent.AuditEventAction.E);
        event.setRecorded(recorded);
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        event.setOutcomeDesc("CDS card " + feedback.outcome());
        event.addAgent()
                .setRequestor(true)
                .setWho(new Reference().setIdentifier(new Identifier().setSystem(URI_SYSTEM).setValue(caller.issuer()))
                        .setDisplay("CDS client"))
                .setAltId(caller.subject());
        event.getSource().setSite("rapport-ipt")
                .setObserver(new Reference().setType("Device")
                        .setIdentifier(new Identifier().setSystem(Canonicals.DEVICE_IDENTIFIER_SYSTEM).setValue("rapport")));
        AuditEvent.AuditEventEntityComponent entity = event.addEntity()
                .setWhat(new Reference().setIdentifier(new Identifier().setSystem(URI_SYSTEM)
                        .setValue("urn:uuid:" + feedback.card())))
                .setName("CDS card of service " + Discovery.SERVICE_ID);
        entity.addDetail().setType("outcome").setValue(new org.hl7.fhir.r4.model.StringType(feedback.outcome()));
        feedback.outcomeTimestamp().ifPresent(t -> entity.addDetail().setType("outcomeTimestamp")
                .setValue(new org.hl7.fhir.r4.model.StringType(t.toString())));
        feedback.overrideReason().ifPresent(r -> entity.addDetail().setType("overrideReason")
                .setValue(new org.hl7.fhir.r4.model.StringType(r.getSystem() + "|" + r.getCode())));
        feedback.userComment().ifPresent(c -> entity.addDetail().setType("userComment")
                .setValue(new org.hl7.fhir.r4.model.StringType(c)));
        if (!feedback.acceptedSuggestions().isEmpty()) {
            entity.addDetail().setType("acceptedSuggestions")
                    .setValue(new org.hl7.fhir.r4.model.StringType(String.join(",", feedback.acceptedSuggestions())));
        }
        event.getMeta().addTag(Canonicals.TAG_WRITE, writeKey(feedback), null);
        return PrivacyLabels.clinical(event);
    }
}
