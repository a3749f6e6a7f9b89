package health.rapport.plugin.process;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.careplan.Provenances;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.FhirIds;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.TransactionBuilder;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Records a rupture and its repair, or a process note, on a session: checks the input and the session
 * first (a 4xx and nothing written), then writes the event and its Provenance in one transaction. What
 * the clinician wrote appears in no message and no log: failures name parameters and ids only.
 */
public final class ProcessRecorder {

    /** A session note is a few paragraphs; a whole document pasted in belongs elsewhere. */
    static final int MAX_TEXT = 20_000;

    private final ChartStore store;
    private final ProcessCodes codes;
    private final RuptureObservation ruptures;
    private final ProcessNoteDocument notes;
    private final String rapportVersion;
    private final Clock clock;

    public ProcessRecorder(ChartStore store, ContentLibrary library, String rapportVersion, Clock clock) {
        this.store = store;
        this.codes = new ProcessCodes(library);
        this.ruptures = new RuptureObservation(codes);
        this.notes = new ProcessNoteDocument(codes);
        this.rapportVersion = rapportVersion;
        this.clock = clock;
    }

    public Observation recordRupture(String encounterId, RuptureRecord given, Reference clinician,
            Optional<String> requestId) {
        String key = key(encounterId, requestId);
        RuptureRecord rupture = checked(given);
        SessionEncounter session = SessionEncounter.read(store, encounterId);
        Date now = Date.from(clock.instant());
        Observation event = ruptures.of(session, rupture, clinician, now);
        return write(event, Observation.class, clinician, "Alliance rupture and repair recorded on " + session.reference().getReference(),
                key);
    }

    public DocumentReference writeNote(String encounterId, String text, Reference clinician, Optional<String> requestId) {
        String key = key(encounterId, requestId);
        String note = text == null ? "" : text.strip();
        if (note.isEmpty()) {
            throw OperationFailure.invalid("text is required: the process note itself, as plain text.");
        }
        if (note.length() > MAX_TEXT) {
            throw OperationFailure.invalid("text is longer than " + MAX_TEXT + " characters.");
        }
        SessionEncounter session = SessionEncounter.read(store, encounterId);
        DocumentReference document = notes.of(session, note, clinician, Date.from(clock.instant()));
        return write(document, DocumentReference.class, clinician, "Process note written on " + session.reference().getReference(),
                key);
    }

    private RuptureRecord checked(RuptureRecord given) {
        if (given.note().map(String::length).orElse(0) > MAX_TEXT) {
            throw OperationFailure.invalid("note is longer than " + MAX_TEXT + " characters.");
        }
        if (given.occurred().map(d -> d.toInstant().isAfter(clock.instant().plusSeconds(300))).orElse(false)) {
            throw OperationFailure.invalid("occurred is in the future.");
        }
        List<Coding> strategies = given.strategies().stream()
                .map(s -> codes.require("strategy", s, Canonicals.CS_REPAIR_STRATEGY)).distinct().toList();
        return new RuptureRecord(codes.require("marker", given.marker(), Canonicals.CS_RUPTURE_MARKER), strategies,
                codes.require("resolution", given.resolution(), Canonicals.CS_RUPTURE_RESOLUTION), given.occurred(),
                given.note());
    }

    /**
     * The event's identity: the caller's request id on this session, so that a retried request (a timeout, a
     * double click) finds what the first one recorded; without one, each request records anew.
     */
    private static String key(String encounterId, Optional<String> requestId) {
        if (requestId.isEmpty()) {
            return "process-event/" + UUID.randomUUID();
        }
        if (!FhirIds.valid(requestId.get())) {
            throw OperationFailure.invalid("requestId must be 1-64 letters, digits, '-' or '.' (e.g. a UUID).");
        }
        return "process-event/" + encounterId + "/" + requestId.get();
    }

    /**
     * The event and its Provenance in one transaction (both conditional on the key, so a retry writes nothing);
     * the event as the server stored it.
     */
    private <T extends Resource> T write(T event, Class<T> type, Reference clinician, String reason, String key) {
        if (event instanceof Observation o) {
            o.addIdentifier().setSystem(Canonicals.IDENTIFIER_SYSTEM).setValue(key);
        } else if (event instanceof DocumentReference d) {
            d.addIdentifier().setSystem(Canonicals.IDENTIFIER_SYSTEM).setValue(key);
        }
        TransactionBuilder transaction = new TransactionBuilder();
        Reference written = transaction.createUnlessIdentified(event, Canonicals.IDENTIFIER_SYSTEM, key);
        transaction.createUnlessTagged(Provenances.of(List.of(written), clinician, rapportVersion, "CREATE", key, reason),
                Canonicals.TAG_WRITE, key);
        Bundle response = store.transaction(transaction.build());
        String location = TransactionBuilder.location(response, 0);
        return store.read(type, location.substring(location.lastIndexOf('/') + 1));
    }
}
