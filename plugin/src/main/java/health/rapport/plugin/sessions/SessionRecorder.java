package health.rapport.plugin.sessions;

import health.rapport.plugin.careplan.ChartWrites;
import health.rapport.plugin.careplan.IptCarePlan;
import health.rapport.plugin.careplan.IptPhase;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.careplan.Provenances;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.SearchPages;
import health.rapport.plugin.store.StoreFailure;
import health.rapport.plugin.store.TransactionBuilder;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;

/**
 * Records one session of a course in one transaction: the session Encounter (created, or corrected
 * when the same record comes again amended), the numbers of the course's attended sessions kept in
 * time order (a session recorded late renumbers the ones after it), one Procedure per intervention
 * used (one no longer ticked is withdrawn as entered-in-error), the plan's activities and its
 * session count, the course's EpisodeOfCare when the plan has none yet, and the Provenance. The
 * course's format decides who took part: a conjoint session names the partner when the partner came;
 * a group member's session ({@link GroupSessionRecorder}) is part of the group's session. Every
 * update carries If-Match, so a concurrent change of the same course makes this a 409 to retry,
 * never a lost session.
 */
public final class SessionRecorder {

    private static final int MAX_PAGES = 10;

    private final ChartStore store;
    private final DeliveredWork work;
    private final String rapportVersion;

    public SessionRecorder(ChartStore store, ContentLibrary library, String rapportVersion) {
        this.store = store;
        this.work = new DeliveredWork(library);
        this.rapportVersion = rapportVersion;
    }

    /**
     * @param carePlanId the course's plan
     * @param writeKey   the write's key for its Provenance (a repeated write records once)
     */
    public SessionOutcome record(String carePlanId, SessionRecord input, Reference clinician, String writeKey) {
        SessionRecord record = SessionRecords.checked(input);
        List<Coding> used = work.checked(record.used());
        CarePlan plan = ChartWrites.require(store, CarePlan.class, carePlanId);
        TransactionBuilder transaction = new TransactionBuilder();
        List<Reference> written = new ArrayList<>();
        Staged staged = stage(plan, record, used, clinician, null, transaction, written);
        transaction.createUnlessTagged(Provenances.of(written, clinician, rapportVersion, staged.correction() ? "UPDATE" : "CREATE",
                writeKey, "Session record " + record.key() + " (" + record.attendance().display() + ")"),
                Canonicals.TAG_WRITE, writeKey);
        Bundle response = commit(transaction);
        return outcome(staged, transaction, response);
    }

    /** Checks the record (a 400 for a malformed one) and its codes before anything is read. */
    List<Coding> checked(SessionRecord record) {
        return work.checked(SessionRecords.checked(record).used());
    }

    /**
     * Adds one session of {@code plan}'s course to {@code transaction}: the Encounter, renumbered later
     * sessions, delivered Procedures and the plan; {@code written} gains each. A group member's session
     * ({@code groupSession} given: the group's session Encounter or its placeholder) is of type group and
     * part of it; a conjoint course's session names the partner when the partner took part.
     */
    Staged stage(CarePlan plan, SessionRecord record, List<Coding> used, Reference clinician, GroupPart groupSession,
            TransactionBuilder transaction, List<Reference> written) {
        String carePlanId = plan.getIdElement().getIdPart();
        String course = CourseEpisode.course(plan).orElseThrow(() -> OperationFailure.businessRule(
                "CarePlan/" + carePlanId + " is not an IPT course of Rapport's; sessions are recorded on one."));
        if (plan.getStatus() != CarePlan.CarePlanStatus.ACTIVE) {
            throw OperationFailure.businessRule("The course is " + (plan.hasStatus() ? plan.getStatus().toCode() : "without status")
                    + "; sessions are recorded on an active course.");
        }
        Reference planRef = new Reference("CarePlan/" + carePlanId);
        Reference performer = Provenances.caller().filter(r -> r.hasReference()).orElse(clinician);

        String planVersion = plan.getMeta().getVersionId();
        String episode;
        List<Encounter> existing;
        CourseFormat format;
        Optional<String> linked = CourseEpisode.of(plan);
        if (linked.isPresent() && linked.get().startsWith("EpisodeOfCare/")) {
            episode = linked.get();
            format = CourseFormat.of(store.read(EpisodeOfCare.class, episode.substring(episode.indexOf('/') + 1)));
            existing = CourseSessions.of(store, plan).sessions();
        } else {
            episode = "urn:uuid:" + UUID.randomUUID();
            written.add(transaction.createUnlessIdentified(CourseEpisode.forPlan(plan, course), episode,
                    Canonicals.IDENTIFIER_COURSE, course));
            CourseEpisode.link(plan, episode);
            format = CourseFormat.INDIVIDUAL;
            existing = List.of();
        }
        Participants who = participants(format, record, groupSession, carePlanId);

        String sessionKey = course + "/" + record.key();
        Optional<Encounter> current = existing.stream().filter(e -> sessionKey.equals(CourseSessions.key(e))).findFirst();
        Encounter session = current.map(Encounter::copy).orElseGet(Encounter::new);
        describe(session, record, sessionKey, plan, episode, performer, who);

        List<Encounter> all = new ArrayList<>(existing.stream().filter(e -> !sessionKey.equals(CourseSessions.key(e))).toList());
        all.add(session);
        int attended = renumber(all, session, transaction, written);

        Reference sessionRef;
        if (current.isPresent()) {
            transaction.updateIfMatch(session, current.get().getMeta().getVersionId());
            sessionRef = new Reference("Encounter/" + current.get().getIdElement().getIdPart());
        } else {
            sessionRef = transaction.createUnlessIdentified(session, Canonicals.IDENTIFIER_SESSION, sessionKey);
        }
        written.add(sessionRef);

        List<Procedure> before = current.isPresent() ? SearchPages.all(store, "Procedure?encounter=Encounter/"
                + current.get().getIdElement().getIdPart() + "&_count=200", Procedure.class, MAX_PAGES) : List.of();
        deliver(record, used, sessionKey, before, planRef, plan.getSubject(), sessionRef, performer, transaction, written);

        DeliveredWork.progress(plan, record, used);
        IptCarePlan.of(plan).completedSessions(attended);
        transaction.updateIfMatch(plan, planVersion);
        written.add(planRef);
        return new Staged(session, plan.getIdElement().getIdPart(), attended, current.isPresent());
    }

    /** A session written into a transaction not yet sent. */
    record Staged(Encounter session, String carePlanId, int attended, boolean correction) {
    }

    /** A member's part in a group session: the group's session Encounter (or its placeholder) and the group. */
    record GroupPart(Reference session, String group) {
    }

    /** Who took part, by the course's format: the session's type, and the partner when a conjoint session had one. */
    private record Participants(SessionFormat type, String partner, Reference groupSession) {
    }

    private static Participants participants(CourseFormat format, SessionRecord record, GroupPart group, String carePlanId) {
        if (group != null) {
            if (format.format() != SessionFormat.GROUP || !group.group().equals(format.group())) {
                throw OperationFailure.businessRule("CarePlan/" + carePlanId + " is not a group IPT course of " + group.group()
                        + "; its sessions are not recorded as that group's sessions.");
            }
            return new Participants(SessionFormat.GROUP, null, group.session());
        }
        if (format.format() != SessionFormat.CONJOINT) {
            if (Boolean.TRUE.equals(record.partnerPresent())) {
                throw OperationFailure.businessRule("CarePlan/" + carePlanId + " is not a conjoint course; a partner"
                        + " takes part only in a conjoint course's sessions.");
            }
            return new Participants(SessionFormat.INDIVIDUAL, null, null);
        }
        if (record.partnerPresent() == null && record.attendance().attended()) {
            throw OperationFailure.invalid("CarePlan/" + carePlanId + " is a conjoint course: say whether the partner"
                    + " took part in the session (partnerPresent).");
        }
        return Boolean.TRUE.equals(record.partnerPresent())
                ? new Participants(SessionFormat.CONJOINT, format.partner(), null)
                : new Participants(SessionFormat.INDIVIDUAL, null, null);
    }

    Bundle commit(TransactionBuilder transaction) {
        try {
            return store.transaction(transaction.build());
        } catch (ChartStoreException e) {
            if (e.failure() == StoreFailure.CONFLICT) {
                throw OperationFailure.conflict("The course changed while this session was recorded (another session "
                        + "or a plan change at the same moment); nothing was written. Record it again.");
            }
            throw e;
        }
    }

    /** The staged session as the FHIR server now holds it. */
    SessionOutcome outcome(Staged staged, TransactionBuilder transaction, Bundle response) {
        int index = transaction.build().getEntry().indexOf(transaction.build().getEntry().stream()
                .filter(e -> e.getResource() == staged.session()).findFirst().orElseThrow());
        Encounter stored = store.read(Encounter.class, idOf(TransactionBuilder.location(response, index)));
        CarePlan after = store.read(CarePlan.class, staged.carePlanId());
        List<Procedure> delivered = SearchPages.all(store, "Procedure?encounter=Encounter/" + stored.getIdElement().getIdPart()
                + "&_count=200", Procedure.class, MAX_PAGES).stream()
                .filter(p -> p.getStatus() == Procedure.ProcedureStatus.COMPLETED).toList();
        return new SessionOutcome(stored, delivered, after, staged.attended());
    }

    private static String idOf(String location) {
        return location.substring(location.indexOf('/') + 1);
    }

    private static void describe(Encounter session, SessionRecord record, String sessionKey, CarePlan plan, String episode,
            Reference performer, Participants who) {
        session.getMeta().getProfile().removeIf(p -> Canonicals.PROFILE_SESSION_ENCOUNTER.equals(p.getValue()));
        session.getMeta().addProfile(Canonicals.PROFILE_SESSION_ENCOUNTER);
        PrivacyLabels.clinical(session);
        if (session.getIdentifier().stream().noneMatch(i -> Canonicals.IDENTIFIER_SESSION.equals(i.getSystem()))) {
            session.addIdentifier().setSystem(Canonicals.IDENTIFIER_SESSION).setValue(sessionKey);
        }
        session.setStatus(record.attendance().status());
        session.setClass_(Modality.encounterClass(record.modality()));
        session.setType(new ArrayList<>(List.of(new CodeableConcept(who.type().coding()))));
        session.setPartOf(who.groupSession() == null ? null : who.groupSession().copy());
        session.setSubject(plan.getSubject().copy());
        session.setEpisodeOfCare(new ArrayList<>(List.of(new Reference(episode))));
        // A corrected session keeps the partner who was there, even if the course's partner has changed since.
        String partnerThere = session.getParticipant().stream().map(p -> p.getIndividual().getReference())
                .filter(r -> r != null && r.startsWith("RelatedPerson/")).findFirst().orElse(who.partner());
        session.getParticipant().clear();
        if (performer != null) {
            session.addParticipant().addType(new CodeableConcept(new Coding(Canonicals.V3_PARTICIPATION_TYPE, "PPRF",
                    "primary performer"))).setIndividual(performer.copy());
        }
        if (who.partner() != null) {
            session.addParticipant().addType(new CodeableConcept(new Coding(Canonicals.V3_PARTICIPATION_TYPE, "PART",
                    "Participation"))).setIndividual(new Reference(partnerThere));
        }
        Date start = Date.from(record.start());
        session.getPeriod().setStart(start);
        session.getPeriod().setEnd(record.minutes().isPresent()
                ? Date.from(record.start().plusSeconds(60L * record.minutes().getAsInt())) : null);
        session.setLength(record.minutes().isPresent() ? (Duration) new Duration().setValue(record.minutes().getAsInt())
                .setUnit("min").setSystem("http://unitsofmeasure.org").setCode("min") : null);
        session.getExtension().removeIf(e -> List.of(Canonicals.EXT_SESSION_ATTENDANCE, Canonicals.EXT_SESSION_MODALITY,
                Canonicals.EXT_PHASE).contains(e.getUrl()));
        session.addExtension(Canonicals.EXT_SESSION_ATTENDANCE, record.attendance().coding());
        if (record.modality() != null) {
            session.addExtension(Canonicals.EXT_SESSION_MODALITY, record.modality().coding());
        }
        IptCarePlan.of(plan).phase().map(IptPhase::coding).ifPresent(p -> session.addExtension(Canonicals.EXT_PHASE, p));
    }

    /**
     * Numbers the attended sessions 1..n in time order; a stored session whose number changes is
     * updated in the same transaction. Returns n.
     */
    private static int renumber(List<Encounter> sessions, Encounter recorded, TransactionBuilder transaction,
            List<Reference> written) {
        int n = 0;
        for (Encounter e : sessions.stream().sorted(CourseSessions.ORDER).toList()) {
            boolean attended = e == recorded ? recorded.getStatus() == Encounter.EncounterStatus.FINISHED
                    : CourseSessions.attended(e);
            Optional<Integer> was = CourseSessions.number(e);
            Optional<Integer> now = attended ? Optional.of(++n) : Optional.empty();
            if (e == recorded) {
                setNumber(e, now);
            } else if (!was.equals(now)) {
                String version = e.getMeta().getVersionId();
                setNumber(e, now);
                transaction.updateIfMatch(e, version);
                written.add(new Reference("Encounter/" + e.getIdElement().getIdPart()));
            }
        }
        return n;
    }

    private static void setNumber(Encounter e, Optional<Integer> number) {
        e.getExtension().removeIf(x -> Canonicals.EXT_SESSION_NUMBER.equals(x.getUrl()));
        number.ifPresent(n -> e.addExtension(Canonicals.EXT_SESSION_NUMBER, new PositiveIntType(n)));
    }

    private void deliver(SessionRecord record, List<Coding> used, String sessionKey, List<Procedure> before,
            Reference planRef, Reference patient, Reference sessionRef, Reference performer, TransactionBuilder transaction,
            List<Reference> written) {
        Date when = Date.from(record.start());
        for (Coding code : used) {
            String key = DeliveredWork.key(sessionKey, code);
            Optional<Procedure> known = before.stream().filter(p -> p.getIdentifier().stream()
                    .anyMatch(i -> Canonicals.IDENTIFIER_DELIVERED.equals(i.getSystem()) && key.equals(i.getValue()))).findFirst();
            if (known.isEmpty()) {
                written.add(transaction.createUnlessIdentified(DeliveredWork.procedure(sessionKey, code, planRef, patient,
                        sessionRef, when, performer), Canonicals.IDENTIFIER_DELIVERED, key));
            } else if (known.get().getStatus() != Procedure.ProcedureStatus.COMPLETED
                    || !(known.get().getPerformed() instanceof org.hl7.fhir.r4.model.DateTimeType at && when.equals(at.getValue()))) {
                Procedure again = known.get().copy();
                again.setStatus(Procedure.ProcedureStatus.COMPLETED).setPerformed(new org.hl7.fhir.r4.model.DateTimeType(when));
                transaction.updateIfMatch(again, known.get().getMeta().getVersionId());
                written.add(new Reference("Procedure/" + known.get().getIdElement().getIdPart()));
            }
        }
        for (Procedure p : before) {
            boolean stillUsed = used.stream().anyMatch(code -> p.getIdentifier().stream()
                    .anyMatch(i -> DeliveredWork.key(sessionKey, code).equals(i.getValue())));
            if (!stillUsed && p.getStatus() == Procedure.ProcedureStatus.COMPLETED) {
                Procedure withdrawn = p.copy().setStatus(Procedure.ProcedureStatus.ENTEREDINERROR);
                transaction.updateIfMatch(withdrawn, p.getMeta().getVersionId());
                written.add(new Reference("Procedure/" + p.getIdElement().getIdPart()));
            }
        }
    }
}
