package health.rapport.plugin.careplan;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.sessions.CourseEpisode;
import health.rapport.plugin.sessions.CourseFormat;
import health.rapport.plugin.sessions.SessionFormat;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.SearchValues;
import health.rapport.plugin.store.StoreFailure;
import health.rapport.plugin.store.TransactionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

/**
 * Enrols a patient in an IPT course: one transaction writes the CarePlan, the course's EpisodeOfCare
 * with its format (individual, conjoint with the partner, group with the Group, which gains the patient
 * as a member in the same transaction), the questionnaire Tasks due at the first session and the
 * Provenance. One open course per patient is the FHIR
 * server's guarantee, not Rapport's: the CarePlan is created conditionally on an identifier
 * only an open course holds, so concurrent enrolments on any number of hosts yield one plan.
 */
public final class EnrollmentProcessor {

    private final ChartStore store;
    private final ContentLibrary library;
    private final PlanApplier applier;
    private final String rapportVersion;
    private final CourseFormatCheck formats;

    public EnrollmentProcessor(ChartStore store, ContentLibrary library, PlanApplier applier, String rapportVersion) {
        this.store = store;
        this.library = library;
        this.applier = applier;
        this.rapportVersion = rapportVersion;
        this.formats = new CourseFormatCheck(store);
    }

    /** The course a format is enrolled in when the caller names no PlanDefinition. */
    public static String defaultPlan(SessionFormat format) {
        return switch (format) {
            case INDIVIDUAL -> Canonicals.PLAN_ACUTE_COURSE;
            case CONJOINT -> Canonicals.PLAN_CONJOINT_COURSE;
            case GROUP -> Canonicals.PLAN_GROUP_COURSE;
        };
    }

    /**
     * Enrols the patient. Members joining one group at the same moment each update the Group under If-Match, so
     * all but one lose that race although nothing of theirs conflicts: a loser whose own course was not written
     * enrols again on the group as it now is, up to {@link #GROUP_ATTEMPTS} times, and only then is a 409 that
     * says what happened.
     */
    public Enrollment enroll(EnrollmentRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return enrollOnce(request);
            } catch (GroupChanged changed) {
                if (attempt >= GROUP_ATTEMPTS) {
                    throw OperationFailure.conflict(changed.group + " kept changing while Patient/" + request.patientId()
                            + " joined it (other members joined or left at the same time, " + GROUP_ATTEMPTS
                            + " tries); nothing was written for Patient/" + request.patientId() + ": enrol again.");
                }
                // Spread the retries of the losers so they do not meet again on the same version.
                pause(java.util.concurrent.ThreadLocalRandom.current().nextLong(20, 60L * attempt));
            }
        }
    }

    /** Tries to enrol a member of a group whose concurrent change made this attempt lose; internal to enroll. */
    private static final int GROUP_ATTEMPTS = 8;

    private static final class GroupChanged extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String group;

        GroupChanged(String group, Throwable cause) {
            super(group, cause, false, false);
            this.group = group;
        }
    }

    private Enrollment enrollOnce(EnrollmentRequest request) {
        Reference patient = new Reference("Patient/" + request.patientId());
        ChartWrites.require(store, Patient.class, request.patientId());
        Reference clinician = null;
        if (request.practitionerId() != null) {
            ChartWrites.require(store, Practitioner.class, request.practitionerId(), 422);
            clinician = new Reference("Practitioner/" + request.practitionerId());
        }
        String canonical = request.planCanonical() != null ? request.planCanonical() : defaultPlan(request.format().format());
        PlanDefinition definition = library.resolve(PlanDefinition.class, canonical)
                .orElseThrow(() -> OperationFailure.businessRule("Unknown plan definition " + canonical));
        if (request.sessions() < SessionSchedule.MIN_SESSIONS || request.sessions() > SessionSchedule.MAX_SESSIONS) {
            throw OperationFailure.businessRule("An IPT course has " + SessionSchedule.MIN_SESSIONS + " to "
                    + SessionSchedule.MAX_SESSIONS + " sessions; " + request.sessions() + " were asked for.");
        }
        CourseFormatCheck.Checked checked = formats.check(request.patientId(), request.format());
        // Count before looking for the open course: a concurrent enrolment that commits in
        // between is then either not counted (same ordinal, so the same Task keys and the
        // conditional creates match its Tasks) or already visible as the open course.
        int ordinal = courseCount(request.patientId()) + 1;
        Optional<CarePlan> open = openCourse(request.patientId());
        if (open.isPresent()) {
            return openCourse(open.get(), request, checked, clinician);
        }
        String course = request.patientId() + "/" + ordinal;

        AppliedPlan applied = applier.apply(definition, new PlanRequest(patient, clinician, request.sessions(),
                request.start(), request.route(), checked.problemAreas(), checked.disputeStage()));
        CarePlan plan = applied.carePlan();
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE).setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.addIdentifier().setSystem(Canonicals.IDENTIFIER_OPEN_COURSE).setValue(request.patientId());
        plan.addIdentifier().setSystem(Canonicals.IDENTIFIER_COURSE).setValue(course);

        TransactionBuilder transaction = new TransactionBuilder();
        // The course's EpisodeOfCare comes first so the plan can name it; both creates are conditional,
        // so a losing concurrent enrolment creates neither.
        String episode = "urn:uuid:" + java.util.UUID.randomUUID();
        Reference episodeRef = transaction.createUnlessIdentified(
                request.format().writeOn(CourseEpisode.forPlan(plan, course)), episode, Canonicals.IDENTIFIER_COURSE, course);
        CourseEpisode.link(plan, episode);
        Reference planRef = transaction.createUnlessIdentified(plan, Canonicals.IDENTIFIER_OPEN_COURSE,
                request.patientId());
        List<Reference> written = new ArrayList<>(List.of(planRef, episodeRef));
        for (Task task : firstSessionTasks(applied, patient, planRef, clinician, course)) {
            written.add(transaction.createUnlessIdentified(task, Canonicals.IDENTIFIER_TASK,
                    task.getIdentifierFirstRep().getValue()));
        }
        if (checked.group() != null && joins(checked.group(), request.patientId(), request.start(), transaction)) {
            written.add(new Reference("Group/" + checked.group().getIdElement().getIdPart()));
        }
        transaction.createUnlessTagged(Provenances.of(written, clinician, rapportVersion, "CREATE",
                "enrol/" + course, "Enrolment in an IPT course"), Canonicals.TAG_WRITE, "enrol/" + course);
        try {
            Bundle response = store.transaction(transaction.build());
            String location = TransactionBuilder.location(response, 1);
            CarePlan stored = store.read(CarePlan.class, location.substring(location.indexOf('/') + 1));
            return new Enrollment(stored, TransactionBuilder.created(response, 1));
        } catch (ChartStoreException e) {
            // A lost race is a 409 on most servers; HAPI JPA under load may instead fail the loser's rolled-back
            // transaction with a 500 from its database. Either way nothing of ours was written, so a winner's
            // plan is the answer when there is one.
            if (e.failure() != StoreFailure.CONFLICT && e.failure() != StoreFailure.BAD_GATEWAY) {
                throw e;
            }
            // The Group is the one shared resource a group enrolment updates: when this patient has no open course
            // yet, the race was lost to another member joining, not to another enrolment of this patient.
            if (checked.group() != null && openCourse(request.patientId()).isEmpty()
                    && groupMoved(checked.group())) {
                throw new GroupChanged("Group/" + checked.group().getIdElement().getIdPart(), e);
            }
            // Another request (on any host) won the race for this patient's open course: answer with its
            // plan. The winner's transaction may still be committing, so look again briefly.
            for (int attempt = 0; attempt < 5; attempt++) {
                Optional<CarePlan> winner = openCourse(request.patientId());
                if (winner.isPresent()) {
                    return new Enrollment(winner.get(), false);
                }
                pause(50L << attempt);
            }
            if (e.failure() != StoreFailure.CONFLICT) {
                throw e;
            }
            throw OperationFailure.conflict("Another enrolment of Patient/" + request.patientId()
                    + " was under way at the same time; enrol again to get its plan.");
        }
    }

    /**
     * The open course answers a repeated enrolment when it has the format asked for. An individual course
     * becomes conjoint when the Inventory found a role dispute (the partner joins the middle phase; see
     * {@link #toConjoint}); any other change of format is a 409: a patient has one open course.
     */
    private Enrollment openCourse(CarePlan open, EnrollmentRequest request, CourseFormatCheck.Checked checked,
            Reference clinician) {
        Optional<String> linked = CourseEpisode.of(open).filter(r -> r.startsWith("EpisodeOfCare/"));
        EpisodeOfCare episode = linked.map(r -> store.read(EpisodeOfCare.class, r.substring(r.indexOf('/') + 1))).orElse(null);
        CourseFormat current = episode == null ? CourseFormat.INDIVIDUAL : CourseFormat.of(episode);
        if (current.equals(request.format())) {
            return new Enrollment(open, false);
        }
        if (episode != null && current.format() == SessionFormat.INDIVIDUAL
                && request.format().format() == SessionFormat.CONJOINT) {
            return new Enrollment(toConjoint(open, episode, request, checked, clinician), false);
        }
        throw OperationFailure.conflict("Patient/" + request.patientId() + " already has an open IPT course (CarePlan/"
                + open.getIdElement().getIdPart() + ", format " + current.format().code() + describe(current)
                + "); complete it before enrolling in a " + request.format().format().code() + " course"
                + describe(request.format()) + ".");
    }

    /**
     * Conjoint IPT from the middle phase: once the Inventory has found a role dispute with the partner, the
     * open individual course becomes conjoint in one transaction — its episode names the format and the
     * partner, and the plan gains the conjoint course's activities it lacks (conjoint sessions,
     * communication analysis with both present, the role-dispute strategies), both under If-Match.
     */
    private CarePlan toConjoint(CarePlan open, EpisodeOfCare episode, EnrollmentRequest request,
            CourseFormatCheck.Checked checked, Reference clinician) {
        PlanDefinition conjoint = library.resolve(PlanDefinition.class, Canonicals.PLAN_CONJOINT_COURSE)
                .orElseThrow(() -> new IllegalStateException("the conjoint course is not shipped"));
        CarePlan plan = open.copy();
        List<String> present = plan.getActivity().stream().flatMap(a -> a.getDetail().getInstantiatesCanonical().stream())
                .map(org.hl7.fhir.r4.model.CanonicalType::getValue).toList();
        IptCarePlan ipt = IptCarePlan.of(plan);
        applier.apply(conjoint, new PlanRequest(plan.getSubject(), clinician, ipt.contractedSessions(), request.start(),
                request.route(), checked.problemAreas(), checked.disputeStage())).schedule().stream()
                .filter(a -> a.phase() == IptPhase.MIDDLE)
                .filter(a -> !present.contains(PlanApplier.canonical(a.definition())))
                .forEach(a -> plan.addActivity(a.activity()));
        plan.addInstantiatesCanonical(PlanApplier.canonical(conjoint));
        EpisodeOfCare formatted = request.format().writeOn(episode.copy());
        TransactionBuilder transaction = new TransactionBuilder();
        transaction.updateIfMatch(formatted, episode.getMeta().getVersionId());
        transaction.updateIfMatch(plan, open.getMeta().getVersionId());
        String planId = open.getIdElement().getIdPart();
        String key = "conjoint/" + planId + "/" + request.format().partner();
        transaction.createUnlessTagged(Provenances.of(List.of(new Reference("EpisodeOfCare/" + episode.getIdElement().getIdPart()),
                new Reference("CarePlan/" + planId)), clinician, rapportVersion, "UPDATE", key,
                "Course made conjoint with " + request.format().partner()), Canonicals.TAG_WRITE, key);
        ChartWrites.commit(store, transaction.build(), "CarePlan/" + planId);
        return store.read(CarePlan.class, planId);
    }

    private static String describe(CourseFormat format) {
        return format.partner() != null ? " with " + format.partner() : format.group() != null ? " in " + format.group() : "";
    }

    /** Adds the patient to the group's members (If-Match on the version read); false when already a member. */
    private static boolean joins(Group group, String patientId, java.time.LocalDate start, TransactionBuilder transaction) {
        String member = "Patient/" + patientId;
        boolean present = group.getMember().stream().anyMatch(m -> member.equals(m.getEntity().getReference())
                && !(m.hasInactive() && m.getInactive()) && !m.getPeriod().hasEnd());
        if (present) {
            return false;
        }
        Group updated = group.copy();
        updated.addMember().setEntity(new Reference(member)).getPeriod().setStart(java.sql.Date.valueOf(start));
        updated.setQuantity((int) updated.getMember().stream().filter(m -> !m.getPeriod().hasEnd()).count());
        transaction.updateIfMatch(updated, group.getMeta().getVersionId());
        return true;
    }

    /** True when the group's current version is not the one this enrolment read. */
    private boolean groupMoved(Group read) {
        Group now = store.read(Group.class, read.getIdElement().getIdPart());
        return !java.util.Objects.equals(now.getMeta().getVersionId(), read.getMeta().getVersionId());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Task> firstSessionTasks(AppliedPlan applied, Reference patient, Reference planRef,
            Reference clinician, String course) {
        List<Task> tasks = new ArrayList<>();
        for (ScheduledActivity activity : applied.schedule()) {
            if (activity.questionnaire().isPresent() && activity.startsAt(1)) {
                String key = QuestionnaireTasks.key(course, activity.definition(), 1);
                tasks.add(QuestionnaireTasks.of(activity.definition(), activity.questionnaire().get(), patient, planRef,
                        clinician, key, 1));
            }
        }
        return tasks;
    }

    /** The patient's open IPT course, if there is one. */
    public Optional<CarePlan> openCourse(String patientId) {
        Bundle found = store.search("CarePlan?identifier=" + SearchValues.encode(
                Canonicals.IDENTIFIER_OPEN_COURSE + "|" + patientId));
        return found.getEntry().stream().map(e -> (CarePlan) e.getResource()).findFirst();
    }

    private int courseCount(String patientId) {
        Bundle found = store.search("CarePlan?subject=Patient/" + patientId + "&identifier="
                + SearchValues.encode(Canonicals.IDENTIFIER_COURSE + "|") + "&_summary=count");
        return found.getTotal();
    }
}
