package health.rapport.plugin.sessions;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.careplan.Provenances;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.SearchValues;
import health.rapport.plugin.store.StoreFailure;
import health.rapport.plugin.store.TransactionBuilder;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Reference;

/**
 * Records one session of an IPT group in ONE transaction: the group's session Encounter (subject the
 * Group, profile ipt-group-session-encounter) and, for every active member, their own session of their
 * own course ({@link SessionRecorder#stage}: type group, partOf the group's session, the member's
 * attendance and their number among their own attended sessions, their plan's progress), with one
 * Provenance. Any refusal (a member without attendance, a non-member, a member without an open group
 * course of this group) comes before anything is written; a concurrent change of any member's course is
 * a 409 and nothing is written.
 */
public final class GroupSessionRecorder {

    private final ChartStore store;
    private final SessionRecorder sessions;
    private final String rapportVersion;

    public GroupSessionRecorder(ChartStore store, SessionRecorder sessions, String rapportVersion) {
        this.store = store;
        this.sessions = sessions;
        this.rapportVersion = rapportVersion;
    }

    public GroupSessionOutcome record(String groupId, GroupSessionRecord record, Reference clinician, String writeKey) {
        Group group = TherapyGroups.require(store, groupId);
        String groupRef = "Group/" + groupId;
        Set<String> members = TherapyGroups.activeMembers(group);
        Set<String> missing = new TreeSet<>(members);
        missing.removeAll(record.attendance().keySet());
        if (!missing.isEmpty()) {
            throw OperationFailure.invalid("Say the attendance of every member of " + groupRef + "; missing: "
                    + String.join(", ", missing.stream().map(m -> "Patient/" + m).toList()) + ".");
        }
        Set<String> strangers = new TreeSet<>(record.attendance().keySet());
        strangers.removeAll(members);
        if (!strangers.isEmpty()) {
            throw OperationFailure.businessRule(String.join(", ", strangers.stream().map(m -> "Patient/" + m).toList())
                    + " is not an active member of " + groupRef + ".");
        }
        Map<String, SessionRecord> own = new LinkedHashMap<>();
        Map<String, List<Coding>> used = new LinkedHashMap<>();
        for (String member : new TreeSet<>(members)) {
            SessionRecord memberRecord = record.forMember(groupId, member);
            used.put(member, sessions.checked(memberRecord));
            own.put(member, memberRecord);
        }
        Map<String, CarePlan> plans = new LinkedHashMap<>();
        for (String member : own.keySet()) {
            plans.put(member, reachableCourse(member, group).orElseThrow(() -> OperationFailure.businessRule("Patient/" + member
                    + " is a member of " + groupRef + " without an open IPT course; enrol them with format=group first.")));
        }

        TransactionBuilder transaction = new TransactionBuilder();
        List<Reference> written = new ArrayList<>();
        String sessionKey = groupId + "/" + record.key();
        Optional<Encounter> current = stored(sessionKey);
        Encounter groupSession = describe(current.map(Encounter::copy).orElseGet(Encounter::new), group, record, sessionKey,
                Provenances.caller().filter(Reference::hasReference).orElse(clinician));
        Reference groupSessionRef;
        if (current.isPresent()) {
            transaction.updateIfMatch(groupSession, current.get().getMeta().getVersionId());
            groupSessionRef = new Reference("Encounter/" + current.get().getIdElement().getIdPart());
        } else {
            groupSessionRef = transaction.createUnlessIdentified(groupSession, Canonicals.IDENTIFIER_GROUP_SESSION, sessionKey);
        }
        written.add(groupSessionRef);
        Map<String, SessionRecorder.Staged> staged = new LinkedHashMap<>();
        for (Map.Entry<String, SessionRecord> member : own.entrySet()) {
            staged.put(member.getKey(), sessions.stage(plans.get(member.getKey()), member.getValue(), used.get(member.getKey()),
                    clinician, new SessionRecorder.GroupPart(groupSessionRef, groupRef), transaction, written));
        }
        transaction.createUnlessTagged(Provenances.of(written, clinician, rapportVersion, current.isPresent() ? "UPDATE" : "CREATE",
                writeKey, "Group session " + record.key() + " of " + groupRef), Canonicals.TAG_WRITE, writeKey);
        Bundle response = sessions.commit(transaction);

        int index = transaction.build().getEntry().indexOf(transaction.build().getEntry().stream()
                .filter(e -> e.getResource() == groupSession).findFirst().orElseThrow());
        String location = TransactionBuilder.location(response, index);
        Encounter storedGroupSession = store.read(Encounter.class, location.substring(location.indexOf('/') + 1));
        Map<String, SessionOutcome> outcomes = new LinkedHashMap<>();
        staged.forEach((member, s) -> outcomes.put(member, sessions.outcome(s, transaction, response)));
        return new GroupSessionOutcome(storedGroupSession, outcomes);
    }

    /**
     * The member's open course, read with the caller's token. A token that does not reach the member (the EHR
     * limits a clinician's token to the patients they care for) is refused here, naming the member, before
     * anything is written.
     */
    private Optional<CarePlan> reachableCourse(String member, Group group) {
        try {
            return openCourse(store, member);
        } catch (ChartStoreException e) {
            if (e.failure() != StoreFailure.CALLER_FORBIDDEN) {
                throw e;
            }
            String who = group.getMember().stream().map(Group.GroupMemberComponent::getEntity)
                    .filter(r -> ("Patient/" + member).equals(r.getReference()) && r.hasDisplay())
                    .map(r -> r.getDisplay() + " (Patient/" + member + ")").findFirst().orElse("Patient/" + member);
            throw new OperationFailure(403, "The EHR refused this session access to the record of " + who + ", a member "
                    + "of Group/" + group.getIdElement().getIdPart() + ": the EHR decides whose records a clinician's "
                    + "session reaches (usually the patients they care for). Nothing was written.");
        }
    }

    /** The patient's open IPT course, if any (its identifier only an open course holds). */
    static Optional<CarePlan> openCourse(ChartStore store, String patientId) {
        return store.search("CarePlan?identifier=" + SearchValues.encode(Canonicals.IDENTIFIER_OPEN_COURSE + "|" + patientId))
                .getEntry().stream().map(e -> e.getResource()).filter(CarePlan.class::isInstance).map(CarePlan.class::cast)
                .findFirst();
    }

    private Optional<Encounter> stored(String sessionKey) {
        return store.search("Encounter?identifier=" + SearchValues.encode(Canonicals.IDENTIFIER_GROUP_SESSION + "|" + sessionKey))
                .getEntry().stream().map(e -> e.getResource()).filter(Encounter.class::isInstance).map(Encounter.class::cast)
                .findFirst();
    }

    private static Encounter describe(Encounter session, Group group, GroupSessionRecord record, String sessionKey,
            Reference performer) {
        session.getMeta().getProfile().removeIf(p -> Canonicals.PROFILE_GROUP_SESSION_ENCOUNTER.equals(p.getValue()));
        session.getMeta().addProfile(Canonicals.PROFILE_GROUP_SESSION_ENCOUNTER);
        PrivacyLabels.clinical(session);
        if (session.getIdentifier().stream().noneMatch(i -> Canonicals.IDENTIFIER_GROUP_SESSION.equals(i.getSystem()))) {
            session.addIdentifier().setSystem(Canonicals.IDENTIFIER_GROUP_SESSION).setValue(sessionKey);
        }
        session.setStatus(record.held() ? Encounter.EncounterStatus.FINISHED : Encounter.EncounterStatus.CANCELLED);
        session.setClass_(Modality.encounterClass(record.modality()));
        session.setType(new ArrayList<>(List.of(new CodeableConcept(SessionFormat.GROUP.coding()))));
        session.setSubject(new Reference("Group/" + group.getIdElement().getIdPart()));
        session.getParticipant().clear();
        List<String> clinicians = new ArrayList<>();
        if (group.getManagingEntity().hasReference()) {
            clinicians.add(group.getManagingEntity().getReference());
        }
        Extension co = group.getExtensionByUrl(Canonicals.EXT_CO_THERAPIST);
        if (co != null && co.getValue() instanceof Reference r && r.hasReference()) {
            clinicians.add(r.getReference());
        }
        if (performer != null && performer.hasReference() && !clinicians.contains(performer.getReference())) {
            clinicians.add(0, performer.getReference());
        }
        for (String clinician : clinicians) {
            session.addParticipant().addType(new CodeableConcept(new Coding(Canonicals.V3_PARTICIPATION_TYPE, "PPRF",
                    "primary performer"))).setIndividual(new Reference(clinician));
        }
        Date start = Date.from(record.start());
        session.getPeriod().setStart(start);
        boolean timed = record.held() && record.minutes().isPresent();
        session.getPeriod().setEnd(timed ? Date.from(record.start().plusSeconds(60L * record.minutes().getAsInt())) : null);
        session.setLength(timed ? (Duration) new Duration().setValue(record.minutes().getAsInt())
                .setUnit("min").setSystem("http://unitsofmeasure.org").setCode("min") : null);
        session.getExtension().removeIf(e -> Canonicals.EXT_SESSION_MODALITY.equals(e.getUrl()));
        if (record.modality() != null) {
            session.addExtension(Canonicals.EXT_SESSION_MODALITY, record.modality().coding());
        }
        return session;
    }
}
