package health.rapport.plugin.careplan;

import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.FhirIds;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.sessions.CourseEpisode;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.SearchValues;
import health.rapport.plugin.store.StoreFailure;
import health.rapport.plugin.store.TransactionBuilder;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Reference;

/**
 * Moves an IPT course through its phases. The rules are the manual's: the initial phase ends
 * only with a completed Interpersonal Inventory and a chosen problem area; termination ends
 * the course or opens maintenance. The update carries If-Match, so of concurrent advances on
 * any number of hosts exactly one wins and the others are told the plan changed.
 */
public final class PhaseAdvancer {

    /** The target "completed" ends the course; the others are IPT phases. */
    public static final String COMPLETED = "completed";
    /**
     * The target "ended" ends the course before termination, from any phase, with a reason of the
     * course-ending-reason CodeSystem (with or without the clinician's agreement): the outcome measures
     * tell a dropout from a completed course by it.
     */
    public static final String ENDED = "ended";

    private static final Map<IptPhase, Set<String>> ALLOWED = Map.of(
            IptPhase.INITIAL, Set.of(IptPhase.MIDDLE.code()),
            IptPhase.MIDDLE, Set.of(IptPhase.TERMINATION.code()),
            IptPhase.TERMINATION, Set.of(IptPhase.MAINTENANCE.code(), COMPLETED),
            IptPhase.MAINTENANCE, Set.of(COMPLETED));

    private final ChartStore store;
    private final ContentLibrary library;
    private final PlanApplier applier;
    private final String rapportVersion;

    public PhaseAdvancer(ChartStore store, ContentLibrary library, PlanApplier applier, String rapportVersion) {
        this.store = store;
        this.library = library;
        this.applier = applier;
        this.rapportVersion = rapportVersion;
    }

    /**
     * @param expectedVersion the plan version the clinician saw, or null to use the current one
     *                        (the update still carries If-Match on what was read)
     */
    public CarePlan advance(String carePlanId, String target, String expectedVersion, Reference clinician) {
        return advance(carePlanId, target, expectedVersion, clinician, null);
    }

    /**
     * @param reason why the course ends early: required with {@link #ENDED}, refused with any other target
     */
    public CarePlan advance(String carePlanId, String target, String expectedVersion, Reference clinician,
            Coding reason) {
        CourseEnding ending = ending(target, reason);
        CarePlan plan = ChartWrites.require(store, CarePlan.class, carePlanId);
        String version = plan.getMeta().getVersionId();
        ChartWrites.requireVersion(plan, expectedVersion);
        IptCarePlan ipt = IptCarePlan.of(plan);
        IptPhase current = ipt.phase().orElseThrow(() ->
                OperationFailure.businessRule("CarePlan/" + carePlanId + " is not an IPT course (no phase)."));
        if (plan.getStatus() != CarePlan.CarePlanStatus.ACTIVE) {
            throw OperationFailure.businessRule("CarePlan/" + carePlanId + " is " + plan.getStatus().toCode()
                    + "; only an active course changes phase.");
        }
        if (ending != null) {
            end(plan, ending);
        } else {
            move(plan, ipt, current, target);
        }
        TransactionBuilder transaction = new TransactionBuilder().updateIfMatch(plan, version);
        List<Reference> written = new java.util.ArrayList<>(List.of(new Reference("CarePlan/" + carePlanId)));
        finishEpisode(plan).ifPresent(episode -> {
            transaction.updateIfMatch(episode, episode.getMeta().getVersionId());
            written.add(new Reference("EpisodeOfCare/" + episode.getIdElement().getIdPart()));
        });
        String write = "advance/" + carePlanId + "/" + version + "/" + target;
        transaction.createUnlessTagged(Provenances.of(written, clinician,
                rapportVersion, "UPDATE", write, "IPT phase " + current.code() + " → " + target
                        + (ending == null ? "" : " (" + ending.code() + ")")),
                Canonicals.TAG_WRITE, write);
        ChartWrites.commit(store, transaction.build(), "CarePlan/" + carePlanId);
        return store.read(CarePlan.class, carePlanId);
    }

    /**
     * A course that ends (completed, or ended early) finishes its EpisodeOfCare in the same transaction,
     * so other systems never see an open episode of a closed course. A plan whose episode is not on the
     * server (a dangling link written elsewhere) still ends.
     */
    private Optional<EpisodeOfCare> finishEpisode(CarePlan plan) {
        if (plan.getStatus() != CarePlan.CarePlanStatus.COMPLETED && plan.getStatus() != CarePlan.CarePlanStatus.REVOKED) {
            return Optional.empty();
        }
        return CourseEpisode.of(plan).filter(r -> r.startsWith("EpisodeOfCare/"))
                .map(r -> new IdType(r).getIdPart()).filter(FhirIds::valid)
                .flatMap(this::episode)
                .filter(e -> e.getStatus() != EpisodeOfCare.EpisodeOfCareStatus.FINISHED)
                .map(e -> {
                    EpisodeOfCare finished = e.copy();
                    finished.setStatus(EpisodeOfCare.EpisodeOfCareStatus.FINISHED);
                    finished.getPeriod().setEndElement(plan.getPeriod().getEndElement().copy());
                    return finished;
                });
    }

    /** A read, not a search: the panel's token may read and update episodes without searching them. */
    private Optional<EpisodeOfCare> episode(String id) {
        try {
            return Optional.of(store.read(EpisodeOfCare.class, id));
        } catch (ChartStoreException e) {
            if (e.failure() == StoreFailure.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void move(CarePlan plan, IptCarePlan ipt, IptPhase current, String target) {
        if (!ALLOWED.get(current).contains(target)) {
            throw OperationFailure.businessRule("An IPT course in the " + current.code() + " phase cannot move to '"
                    + target + "'; allowed: " + String.join(", ", ALLOWED.get(current)) + " (or ended, with a reason).");
        }
        if (current == IptPhase.INITIAL) {
            requireFormulation(plan, ipt);
        }
        if (COMPLETED.equals(target)) {
            complete(plan);
        } else {
            IptPhase next = IptPhase.of(target).orElseThrow();
            ipt.phase(next);
            if (next == IptPhase.MAINTENANCE) {
                openMaintenance(plan);
            }
        }
    }

    /** The early ending {@code reason} names for the target {@link #ENDED}; null for any other target. */
    private static CourseEnding ending(String target, Coding reason) {
        if (!ENDED.equals(target)) {
            if (reason != null && !reason.isEmpty()) {
                throw OperationFailure.invalid("reason goes with phase 'ended' only (a course ended before termination).");
            }
            return null;
        }
        return CourseEnding.early(reason).orElseThrow(() -> OperationFailure.invalid("phase 'ended' needs a reason"
                + " from " + Canonicals.CS_COURSE_ENDING_REASON + ": " + CourseEnding.WITHOUT_AGREEMENT.code() + " or "
                + CourseEnding.EARLY_BY_AGREEMENT.code() + "."));
    }

    /** Ends the course before termination: status revoked (ended before completion), the reason on the plan. */
    public static void end(CarePlan plan, CourseEnding ending) {
        complete(plan);
        plan.setStatus(CarePlan.CarePlanStatus.REVOKED);
        plan.getExtension().removeIf(e -> Canonicals.EXT_COURSE_ENDING_REASON.equals(e.getUrl()));
        plan.addExtension(Canonicals.EXT_COURSE_ENDING_REASON, ending.coding());
    }

    private void requireFormulation(CarePlan plan, IptCarePlan ipt) {
        String patient = plan.getSubject().getReference();
        var inventories = store.search("QuestionnaireResponse?subject=" + patient + "&status=completed&questionnaire="
                + SearchValues.encode(Canonicals.QUESTIONNAIRE_INVENTORY) + "&_summary=count");
        List<String> missing = new java.util.ArrayList<>();
        if (inventories.getTotal() == 0) {
            missing.add("a completed Interpersonal Inventory");
        }
        if (ipt.problemAreas().isEmpty()) {
            missing.add("a chosen problem area");
        }
        if (!missing.isEmpty()) {
            throw OperationFailure.businessRule("The initial phase ends once there is " + String.join(" and ", missing)
                    + " for " + patient + ".");
        }
    }

    private static void complete(CarePlan plan) {
        plan.setStatus(CarePlan.CarePlanStatus.COMPLETED);
        plan.getPeriod().setEnd(java.sql.Date.valueOf(LocalDate.now()));
        // The course no longer holds the open-course identifier: the patient may be enrolled again.
        plan.getIdentifier().removeIf(i -> Canonicals.IDENTIFIER_OPEN_COURSE.equals(i.getSystem()));
        plan.getActivity().stream()
                .filter(a -> a.getDetail().getStatus() == CarePlan.CarePlanActivityStatus.NOTSTARTED
                        || a.getDetail().getStatus() == CarePlan.CarePlanActivityStatus.SCHEDULED)
                .forEach(a -> a.getDetail().setStatus(CarePlan.CarePlanActivityStatus.CANCELLED));
    }

    private void openMaintenance(CarePlan plan) {
        PlanDefinition maintenance = library.resolve(PlanDefinition.class, Canonicals.PLAN_MAINTENANCE)
                .orElseThrow(() -> new IllegalStateException("the maintenance plan is not shipped"));
        plan.addInstantiatesCanonical(PlanApplier.canonical(maintenance));
        plan.addCategory(new CodeableConcept(new Coding(Canonicals.CS_CARE_PLAN_CATEGORY, "ipt-maintenance",
                "IPT maintenance")));
        IptCarePlan ipt = IptCarePlan.of(plan);
        AppliedPlan applied = applier.apply(maintenance, new PlanRequest(plan.getSubject(), null,
                Math.max(SessionSchedule.MIN_SESSIONS, Math.min(SessionSchedule.MAX_SESSIONS, ipt.contractedSessions())),
                LocalDate.now(), ipt.integrationRoute().orElse(new Coding()), ipt.problemAreas(),
                ipt.disputeStage().orElse(null)));
        applied.schedule().forEach(a -> plan.addActivity(a.activity()));
    }
}
