package health.rapport.plugin.process;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;

/**
 * A clinician's process note on one session as a DocumentReference of profile {@code ipt-process-note}:
 * the text as a plain-text attachment held in the resource itself (no Binary to secure separately),
 * linked to the session, labelled as a psychotherapy note.
 */
final class ProcessNoteDocument {

    private final ProcessCodes codes;

    ProcessNoteDocument(ProcessCodes codes) {
        this.codes = codes;
    }

    DocumentReference of(SessionEncounter session, String text, Reference clinician, Date now) {
        DocumentReference note = new DocumentReference().setStatus(DocumentReferenceStatus.CURRENT);
        note.setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL);
        note.getMeta().addProfile(Canonicals.PROFILE_PROCESS_NOTE);
        note.setType(new CodeableConcept(codes.of(Canonicals.CS_PROCESS_EVENT, "process-note")));
        note.setSubject(session.patient());
        InstantType date = new InstantType(now);
        date.setTimeZoneZulu(true);
        note.setDateElement(date);
        if (clinician != null) {
            note.addAuthor(clinician.copy());
        }
        note.addContent().getAttachment().setContentType("text/plain; charset=utf-8")
                .setData(text.getBytes(StandardCharsets.UTF_8)).setCreation(now);
        note.getContext().addEncounter(session.reference());
        return PrivacyLabels.processNote(note);
    }

    /** The note's text, as the panel shows it. */
    static String text(DocumentReference note) {
        return note.getContent().stream().map(c -> c.getAttachment())
                .filter(a -> a.hasData() && a.getContentType() != null && a.getContentType().startsWith("text/plain"))
                .map(a -> new String(a.getData(), StandardCharsets.UTF_8)).findFirst().orElse("");
    }
}
