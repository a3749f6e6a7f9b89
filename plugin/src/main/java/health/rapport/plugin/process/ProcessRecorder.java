package health.rapport.plugin.process;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.careplan.Provenances;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.FhirIds;
import health.rapport.plugin.fhir.PrivacyLabels;
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
 * first (a 4xx and nothing written), then writes the event and its Provenance in one transaction. A recorded
 * event is corrected in place (a new version of the same resource, status {@code amended}, its Provenance saying
 * UPDATE; the server keeps the earlier version) or withdrawn ({@code entered-in-error}, Provenance DELETE), both
 * under If-Match on the version read; the PSYTHPN label stays on every version. What the clinician wrote appears
 * in no message and no log: failures name parameters and ids only.
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
        String note = noteText(text);
        SessionEncounter session = SessionEncounter.read(store, encounterId);
        DocumentReference document = notes.of(session, note, clinician, Date.from(clock.instant()));
        return write(document, DocumentReference.class, clinician, "Process note written on " + session.reference().getReference(),
                key);
    }

    /** Corrects a recorded rupture: the same Observation, new parts, status amended. */
    public Observation amendRupture(String observationId, RuptureRecord given, Reference clinician, String expectedVersion) {
        RuptureRecord rupture = checked(given);
        Observation current = recorded(Observation.class, observationId, expectedVersion);
        SessionEncounter session = SessionEncounter.read(store, idOf(current.getEncounter()));
        Observation amended = ruptures.of(session, rupture, clinician, Date.from(clock.instant()));
        amended.setId(current.getIdElement().toUnqualifiedVersionless());
        amended.setIdentifier(current.getIdentifier());
        amended.setStatus(Observation.ObservationStatus.AMENDED);
        return update(amended, current, Observation.class, clinician, "amend",
                "Alliance rupture and repair corrected on " + session.reference().getReference());
    }

    /** Corrects a process note: the same DocumentReference, the new text, docStatus amended. */
    public DocumentReference amendNote(String documentId, String text, Reference clinician, String expectedVersion) {
        String note = noteText(text);
        DocumentReference current = recorded(DocumentReference.class, documentId, expectedVersion);
        SessionEncounter session = SessionEncounter.read(store, current.getContext().getEncounter().stream().findFirst()
                .map(ProcessRecorder::idOf).orElseThrow(() -> OperationFailure.businessRule("DocumentReference/" + documentId
                        + " names no session; it is not a process note of Rapport's.")));
        DocumentReference amended = notes.of(session, note, clinician, Date.from(clock.instant()));
        amended.setId(current.getIdElement().toUnqualifiedVersionless());
        amended.setIdentifier(current.getIdentifier());
        amended.setDocStatus(DocumentReference.ReferredDocumentStatus.AMENDED);
        return update(amended, current, DocumentReference.class, clinician, "amend",
                "Process note corrected on " + session.reference().getReference());
    }

    /**
     * Withdraws a rupture or process note recorded in error (status entered-in-error): the panel no longer shows
     * it; the record keeps it, still labelled, with the Provenance of the withdrawal.
     */
    public Resource withdraw(Class<? extends Resource> type, String id, Reference clinician, String expectedVersion) {
        Resource current = recorded(type, id, expectedVersion);
        Resource withdrawn = current.copy();
        if (withdrawn instanceof Observation o) {
            o.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        } else if (withdrawn instanceof DocumentReference d) {
            d.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.ENTEREDINERROR);
        }
        return update(withdrawn, current, type, clinician, "withdraw",
                current.fhirType() + "/" + id + " withdrawn: recorded in error");
    }

    /** A rupture or note of Rapport's that still stands, at the version the caller saw (if they said). */
    private <T extends Resource> T recorded(Class<T> type, String id, String expectedVersion) {
        String name = type.getSimpleName();
        if (!FhirIds.valid(id)) {
            throw OperationFailure.invalid("'" + id + "' is not a FHIR id.");
        }
        T current = health.rapport.plugin.careplan.ChartWrites.require(store, type, id);
        if (!ProcessEvents.isProcessEvent(current)) {
            throw OperationFailure.businessRule(name + "/" + id + " is not a rupture or process note of Rapport's.");
        }
        boolean withdrawn = current instanceof Observation o ? o.getStatus() == Observation.ObservationStatus.ENTEREDINERROR
                : ((DocumentReference) current).getStatus()
                        == org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.ENTEREDINERROR;
        if (withdrawn) {
            throw OperationFailure.businessRule(name + "/" + id + " was withdrawn (entered in error); record it anew.");
        }
        String version = current.getMeta().getVersionId();
        if (expectedVersion != null && !expectedVersion.equals(version)) {
            throw OperationFailure.conflict(name + "/" + id + " has changed since version " + expectedVersion + " (now "
                    + version + "); reload it and try again.");
        }
        return current;
    }

    /** The new version under If-Match and its Provenance (v3 UPDATE: a withdrawal too is a revision of the record). */
    private <T extends Resource> T update(Resource changed, Resource current, Class<T> type, Reference clinician,
            String activity, String reason) {
        String ref = current.fhirType() + "/" + current.getIdElement().getIdPart();
        String version = current.getMeta().getVersionId();
        // Every version is a psychotherapy note, whatever another system did to its labels meanwhile.
        changed.setMeta(current.getMeta().copy());
        changed.getMeta().setVersionId(null).setLastUpdated(null);
        PrivacyLabels.processNote(changed);
        String key = "process-event/" + ref + "/" + version + "/" + activity;
        TransactionBuilder transaction = new TransactionBuilder();
        transaction.updateIfMatch(changed, version);
        transaction.createUnlessTagged(Provenances.of(List.of(new Reference(ref)), clinician, rapportVersion, "UPDATE", key,
                reason), Canonicals.TAG_WRITE, key);
        health.rapport.plugin.careplan.ChartWrites.commit(store, transaction.build(), ref);
        return store.read(type, current.getIdElement().getIdPart());
    }

    private static String idOf(Reference reference) {
        String id = reference == null ? null : reference.getReferenceElement().getIdPart();
        if (id == null) {
            throw OperationFailure.businessRule("The event names no session Encounter; it is not one of Rapport's.");
        }
        return id;
    }

    private static String noteText(String text) {
        String note = text == null ? "" : text.strip();
        if (note.isEmpty()) {
            throw OperationFailure.invalid("text is required: the process note itself, as plain text.");
        }
        if (note.length() > MAX_TEXT) {
            throw OperationFailure.invalid("text is longer than " + MAX_TEXT + " characters.");
        }
        return note;
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
