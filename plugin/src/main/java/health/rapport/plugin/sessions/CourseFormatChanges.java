package health.rapport.plugin.sessions;

import health.rapport.plugin.careplan.ChartWrites;
import health.rapport.plugin.careplan.CourseEnding;
import health.rapport.plugin.careplan.PhaseAdvancer;
import health.rapport.plugin.careplan.Provenances;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.TransactionBuilder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;

/**
 * Who takes part in a course from now on, changed without touching what was recorded: a member leaves an IPT
 * group (their membership ends on a date; their own course goes on as an individual course or ends early, as the
 * clinician chooses), or a conjoint course's partner changes (the episode names the new partner, so later sessions
 * name them; earlier sessions keep who was there). Each change is checked first (a 4xx, nothing written) and
 * written in ONE transaction under If-Match with its Provenance.
 */
public final class CourseFormatChanges {

    /** What becomes of a leaving member's own course. */
    public enum AfterLeaving {
        /** Their course goes on in the individual format. */
        CONTINUE,
        /** Their course ends early, with a course-ending reason. */
        END
    }

    private final ChartStore store;
    private final String rapportVersion;

    public CourseFormatChanges(ChartStore store, String rapportVersion) {
        this.store = store;
        this.rapportVersion = rapportVersion;
    }

    /**
     * Ends {@code patientId}'s membership of the group on {@code leaving} and continues or ends their course.
     *
     * @param reason required with {@link AfterLeaving#END} (course-ending-reason), refused with CONTINUE
     * @return the group and the member's course after the change
     */
    public Left leave(String groupId, String patientId, LocalDate leaving, AfterLeaving after, Coding reason,
            Reference clinician) {
        CourseEnding ending = switch (after) {
            case END -> CourseEnding.early(reason).orElseThrow(() -> OperationFailure.invalid("course=end needs a reason from "
                    + Canonicals.CS_COURSE_ENDING_REASON + ": " + CourseEnding.WITHOUT_AGREEMENT.code() + " or "
                    + CourseEnding.EARLY_BY_AGREEMENT.code() + "."));
            case CONTINUE -> {
                if (reason != null && !reason.isEmpty()) {
                    throw OperationFailure.invalid("reason goes with course=end only.");
                }
                yield null;
            }
        };
        Group group = TherapyGroups.require(store, groupId);
        String groupRef = "Group/" + groupId;
        String member = "Patient/" + patientId;
        if (!TherapyGroups.activeMembers(group).contains(patientId)) {
            throw OperationFailure.businessRule(member + " is not an active member of " + groupRef + ".");
        }
        Group.GroupMemberComponent membership = group.getMember().stream()
                .filter(m -> member.equals(m.getEntity().getReference()) && !m.getPeriod().hasEnd()
                        && !(m.hasInactive() && m.getInactive()))
                .findFirst().orElseThrow();
        if (membership.getPeriod().hasStart() && leaving.isBefore(toLocalDate(membership.getPeriod().getStart()))) {
            throw OperationFailure.invalid("date " + leaving + " is before " + member + " joined " + groupRef + ".");
        }
        if (leaving.isAfter(LocalDate.now().plusDays(1))) {
            throw OperationFailure.invalid("date " + leaving + " is in the future; record a leaving once it happened.");
        }
        CarePlan plan = openGroupCourse(patientId, groupRef);
        String episodeRef = CourseEpisode.of(plan).orElseThrow();
        EpisodeOfCare episode = store.read(EpisodeOfCare.class, episodeRef.substring(episodeRef.indexOf('/') + 1));

        Group updated = group.copy();
        updated.getMember().stream().filter(m -> member.equals(m.getEntity().getReference()) && !m.getPeriod().hasEnd()
                && !(m.hasInactive() && m.getInactive())).forEach(m -> {
                    m.setInactive(true);
                    m.getPeriod().setEnd(java.sql.Date.valueOf(leaving));
                });
        updated.setQuantity(TherapyGroups.activeMembers(updated).size());

        TransactionBuilder transaction = new TransactionBuilder();
        transaction.updateIfMatch(updated, group.getMeta().getVersionId());
        List<Reference> written = new ArrayList<>(List.of(new Reference(groupRef)));
        String planId = plan.getIdElement().getIdPart();
        EpisodeOfCare changed = episode.copy();
        if (ending == null) {
            CourseFormat.INDIVIDUAL.writeOn(changed);
        } else {
            CarePlan ended = plan.copy();
            PhaseAdvancer.end(ended, ending);
            transaction.updateIfMatch(ended, plan.getMeta().getVersionId());
            written.add(new Reference("CarePlan/" + planId));
            changed.setStatus(EpisodeOfCare.EpisodeOfCareStatus.FINISHED);
            changed.getPeriod().setEnd(java.sql.Date.valueOf(leaving));
        }
        transaction.updateIfMatch(changed, episode.getMeta().getVersionId());
        written.add(new Reference(episodeRef));
        String key = "leave/" + groupId + "/" + patientId + "/" + group.getMeta().getVersionId();
        transaction.createUnlessTagged(Provenances.of(written, clinician, rapportVersion, "UPDATE", key,
                member + " left " + groupRef + (ending == null ? "; the course goes on individually"
                        : "; the course ended (" + ending.code() + ")")), Canonicals.TAG_WRITE, key);
        ChartWrites.commit(store, transaction.build(), groupRef + " or " + member + "'s course");
        return new Left(store.read(Group.class, groupId), store.read(CarePlan.class, planId),
                store.read(EpisodeOfCare.class, episode.getIdElement().getIdPart()));
    }

    /** A member's leaving as written: the group, their course and its episode. */
    public record Left(Group group, CarePlan carePlan, EpisodeOfCare episode) {
    }

    /**
     * Names {@code partner} (a RelatedPerson of the course's patient) as the conjoint course's partner from now on.
     *
     * @return the course's episode after the change
     */
    public EpisodeOfCare changePartner(String carePlanId, String partner, Reference clinician) {
        CarePlan plan = ChartWrites.require(store, CarePlan.class, carePlanId);
        if (plan.getStatus() != CarePlan.CarePlanStatus.ACTIVE) {
            throw OperationFailure.businessRule("CarePlan/" + carePlanId + " is "
                    + (plan.hasStatus() ? plan.getStatus().toCode() : "without status") + "; the partner of an active course changes.");
        }
        Optional<String> episodeRef = CourseEpisode.of(plan).filter(r -> r.startsWith("EpisodeOfCare/"));
        EpisodeOfCare episode = episodeRef.map(r -> store.read(EpisodeOfCare.class, r.substring(r.indexOf('/') + 1)))
                .orElse(null);
        CourseFormat format = episode == null ? CourseFormat.INDIVIDUAL : CourseFormat.of(episode);
        if (format.format() != SessionFormat.CONJOINT) {
            throw OperationFailure.businessRule("CarePlan/" + carePlanId + " is a " + format.format().code()
                    + " course; only a conjoint course has a partner (enrol with format=conjoint).");
        }
        RelatedPerson person = ChartWrites.require(store, RelatedPerson.class, partner.substring(partner.indexOf('/') + 1), 422);
        String patient = plan.getSubject().getReference();
        if (!patient.equals(person.getPatient().getReference())) {
            throw OperationFailure.businessRule(partner + " is not a related person of " + patient + ".");
        }
        if (partner.equals(format.partner())) {
            return episode;
        }
        EpisodeOfCare changed = CourseFormat.conjoint(partner).writeOn(episode.copy());
        TransactionBuilder transaction = new TransactionBuilder();
        transaction.updateIfMatch(changed, episode.getMeta().getVersionId());
        String key = "partner/" + carePlanId + "/" + episode.getMeta().getVersionId() + "/" + partner;
        transaction.createUnlessTagged(Provenances.of(List.of(new Reference(episodeRef.get())), clinician, rapportVersion,
                "UPDATE", key, "Conjoint partner of CarePlan/" + carePlanId + " is " + partner + " from now on (was "
                        + format.partner() + ")"), Canonicals.TAG_WRITE, key);
        ChartWrites.commit(store, transaction.build(), episodeRef.get());
        return store.read(EpisodeOfCare.class, episode.getIdElement().getIdPart());
    }

    private CarePlan openGroupCourse(String patientId, String groupRef) {
        CarePlan plan = GroupSessionRecorder.openCourse(store, patientId).orElseThrow(() -> OperationFailure.businessRule("Patient/" + patientId
                        + " has no open IPT course; end their membership of " + groupRef + " in the EHR."));
        Optional<String> episodeRef = CourseEpisode.of(plan).filter(r -> r.startsWith("EpisodeOfCare/"));
        CourseFormat format = episodeRef.map(r -> CourseFormat.of(store.read(EpisodeOfCare.class, r.substring(r.indexOf('/') + 1))))
                .orElse(CourseFormat.INDIVIDUAL);
        if (!groupRef.equals(format.group())) {
            throw OperationFailure.businessRule("Patient/" + patientId + "'s open course (CarePlan/"
                    + plan.getIdElement().getIdPart() + ") is not a course in " + groupRef + ".");
        }
        return plan;
    }

    private static LocalDate toLocalDate(java.util.Date date) {
        return date.toInstant().atZone(java.time.ZoneId.systemDefault()).toLocalDate();
    }
}
