package health.rapport.plugin.careplan;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityDetailComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.Range;

/**
 * Applies Rapport's PlanDefinitions to a patient (CPG-on-FHIR {@code $apply} semantics):
 * each applicable action becomes a CarePlan activity with its phase and session range;
 * a sub-plan is applied when its applicability condition holds for the chosen problem area
 * (and, inside role dispute, the dispute stage). Nothing is written anywhere.
 */
public final class PlanApplier {

    static final String COLLECT_WITH = "http://hl7.org/fhir/uv/cpg/StructureDefinition/cpg-collectWith";
    private static final String SESSION_UNIT = "{session}";

    private final ContentLibrary library;
    private final ApplicabilityConditions conditions;

    public PlanApplier(ContentLibrary library, FhirContext context) {
        this.library = library;
        this.conditions = new ApplicabilityConditions(context);
    }

    /** The CarePlan (status draft, intent proposal, as $apply returns it) and its schedule. */
    public AppliedPlan apply(PlanDefinition definition, PlanRequest request) {
        SessionSchedule schedule = new SessionSchedule(request.sessions());
        CarePlan plan = new CarePlan()
                .setStatus(CarePlan.CarePlanStatus.DRAFT)
                .setIntent(CarePlan.CarePlanIntent.PROPOSAL)
                .setTitle(definition.getTitle())
                .setDescription("IPT course of " + request.sessions() + " sessions, applied from " + definition.getTitle())
                .setSubject(request.subject().copy())
                .setPeriod(new Period().setStart(Date.valueOf(request.start())));
        plan.getMeta().addProfile(Canonicals.PROFILE_CAREPLAN);
        plan.addInstantiatesCanonical(canonical(definition));
        plan.addCategory(new CodeableConcept(new Coding("http://hl7.org/fhir/us/core/CodeSystem/careplan-category",
                "assess-plan", "Assessment and Plan of Treatment")));
        boolean maintenance = Canonicals.PLAN_MAINTENANCE.equals(definition.getUrl());
        plan.addCategory(new CodeableConcept(new Coding(Canonicals.CS_CARE_PLAN_CATEGORY,
                maintenance ? "ipt-maintenance" : "ipt-acute", maintenance ? "IPT maintenance" : "IPT acute course")));
        if (request.practitioner() != null) {
            plan.setAuthor(request.practitioner().copy());
        }
        IptCarePlan.of(plan)
                .phase(maintenance ? IptPhase.MAINTENANCE : IptPhase.INITIAL)
                .integrationRoute(request.route())
                .contractedSessions(request.sessions())
                .completedSessions(0)
                .problemAreas(request.problemAreas())
                .disputeStage(request.disputeStage());
        PrivacyLabels.clinical(plan);
        List<ScheduledActivity> scheduled = new ArrayList<>();
        for (PlanDefinitionActionComponent action : definition.getAction()) {
            IptPhase phase = maintenance ? IptPhase.MAINTENANCE : phaseOf(action).orElse(IptPhase.INITIAL);
            int[] range = phase == IptPhase.MAINTENANCE ? null : schedule.phase(phase);
            collect(action, phase, range, schedule, request, scheduled);
        }
        scheduled.forEach(a -> plan.addActivity(a.activity()));
        return new AppliedPlan(plan, scheduled);
    }

    /** The activities the chosen problem areas add to an acute course's middle phase. */
    public List<ScheduledActivity> problemAreaActivities(PlanDefinition course, int sessions,
            List<Coding> problemAreas, Coding disputeStage) {
        SessionSchedule schedule = new SessionSchedule(sessions);
        PlanRequest request = new PlanRequest(new org.hl7.fhir.r4.model.Reference("Patient/unused"), null, sessions,
                java.time.LocalDate.now(), new Coding(), problemAreas, disputeStage);
        List<ScheduledActivity> activities = new ArrayList<>();
        for (PlanDefinitionActionComponent phaseGroup : course.getAction()) {
            if (phaseOf(phaseGroup).orElse(null) != IptPhase.MIDDLE) {
                continue;
            }
            for (PlanDefinitionActionComponent action : phaseGroup.getAction()) {
                if (!action.getAction().isEmpty() && action.getAction().stream().allMatch(a -> definitionOf(a).filter(c -> c.contains("/PlanDefinition/")).isPresent())) {
                    collect(action, IptPhase.MIDDLE, schedule.phase(IptPhase.MIDDLE), schedule, request, activities);
                }
            }
        }
        return activities;
    }

    private void collect(PlanDefinitionActionComponent action, IptPhase phase, int[] inherited,
            SessionSchedule schedule, PlanRequest request, List<ScheduledActivity> into) {
        if (!conditions.applies(action, request.problemAreas(), request.disputeStage())) {
            return;
        }
        int[] range = sessionRange(action, phase, schedule).orElse(inherited);
        Optional<String> definition = definitionOf(action);
        if (definition.isPresent()) {
            String canonical = definition.get();
            Optional<ActivityDefinition> activity = library.resolve(ActivityDefinition.class, canonical);
            if (activity.isPresent()) {
                ActivityDefinition ad = activity.get();
                into.add(new ScheduledActivity(activity(ad, action, phase, range), ad, action.getId(), phase, range,
                        collects(ad)));
                return;
            }
            PlanDefinition subPlan = library.resolve(PlanDefinition.class, canonical)
                    .orElseThrow(() -> new IllegalStateException("unresolvable definition " + canonical));
            for (PlanDefinitionActionComponent child : subPlan.getAction()) {
                collect(child, phase, range, schedule, request, into);
            }
            return;
        }
        for (PlanDefinitionActionComponent child : action.getAction()) {
            collect(child, phase, range, schedule, request, into);
        }
    }

    private static CarePlanActivityComponent activity(ActivityDefinition definition,
            PlanDefinitionActionComponent action, IptPhase phase, int[] range) {
        CarePlanActivityComponent activity = new CarePlanActivityComponent();
        activity.addExtension(Canonicals.EXT_PHASE, phase.coding());
        Extension tradition = definition.getExtensionByUrl(Canonicals.EXT_TRADITION);
        if (tradition != null) {
            activity.addExtension(tradition.copy());
        }
        CarePlanActivityDetailComponent detail = activity.getDetail()
                .setKind(CarePlan.CarePlanActivityKind.TASK)
                .setCode(definition.getCode().copy())
                .setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED)
                .setDescription(action.hasTitle() ? action.getTitle() : definition.getTitle());
        detail.addInstantiatesCanonical(canonical(definition));
        detail.setScheduled(new org.hl7.fhir.r4.model.StringType(describe(phase, range)));
        return activity;
    }

    private static String describe(IptPhase phase, int[] range) {
        if (range == null) {
            return phase == IptPhase.MAINTENANCE ? "Monthly maintenance sessions" : "As needed";
        }
        return range[0] == range[1] ? "Session " + range[0] : "Sessions " + range[0] + "–" + range[1];
    }

    private static Optional<int[]> sessionRange(PlanDefinitionActionComponent action, IptPhase phase,
            SessionSchedule schedule) {
        if (phase == IptPhase.MAINTENANCE || !action.hasTimingRange()) {
            return Optional.empty();
        }
        Range range = action.getTimingRange();
        if (!SESSION_UNIT.equals(range.getLow().getCode()) || !SESSION_UNIT.equals(range.getHigh().getCode())) {
            return Optional.empty();
        }
        return Optional.of(schedule.scale(phase, range.getLow().getValue().intValue(),
                range.getHigh().getValue().intValue()));
    }

    private static Optional<String> definitionOf(PlanDefinitionActionComponent action) {
        return action.getDefinition() instanceof CanonicalType canonical ? Optional.of(canonical.getValue()) : Optional.empty();
    }

    static Optional<IptPhase> phaseOf(PlanDefinitionActionComponent action) {
        Extension phase = action.getExtensionByUrl(Canonicals.EXT_PHASE);
        return phase == null ? Optional.empty() : IptPhase.of(((Coding) phase.getValue()).getCode());
    }

    static String canonical(org.hl7.fhir.r4.model.MetadataResource resource) {
        return resource.getUrl() + "|" + resource.getVersion();
    }

    private static Optional<String> collects(ActivityDefinition definition) {
        Extension collectWith = definition.getExtensionByUrl(COLLECT_WITH);
        return collectWith == null ? Optional.empty() : Optional.of(((CanonicalType) collectWith.getValue()).getValue());
    }
}
