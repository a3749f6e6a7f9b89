package health.rapport.plugin.careplan;

import health.rapport.plugin.fhir.Canonicals;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.UnsignedIntType;

/**
 * Reads and writes the IPT extensions of a CarePlan (profile ipt-careplan): phase, problem
 * areas, dispute stage, integration route, contracted and completed sessions.
 */
public final class IptCarePlan {

    private static final Set<CarePlan.CarePlanStatus> OPEN =
            Set.of(CarePlan.CarePlanStatus.ACTIVE, CarePlan.CarePlanStatus.ONHOLD, CarePlan.CarePlanStatus.DRAFT);

    private final CarePlan plan;

    private IptCarePlan(CarePlan plan) {
        this.plan = plan;
    }

    public static IptCarePlan of(CarePlan plan) {
        return new IptCarePlan(plan);
    }

    public CarePlan resource() {
        return plan;
    }

    /** Whether the course is open: its plan active, on hold or draft (completed and revoked end it). */
    public boolean open() {
        return OPEN.contains(plan.getStatus());
    }

    public Optional<IptPhase> phase() {
        Extension ext = plan.getExtensionByUrl(Canonicals.EXT_PHASE);
        return ext == null ? Optional.empty() : IptPhase.of(((Coding) ext.getValue()).getCode());
    }

    public IptCarePlan phase(IptPhase phase) {
        remove(Canonicals.EXT_PHASE);
        plan.addExtension(Canonicals.EXT_PHASE, phase.coding());
        return this;
    }

    public List<Coding> problemAreas() {
        return plan.getExtensionsByUrl(Canonicals.EXT_PROBLEM_AREA).stream()
                .map(e -> ((CodeableConcept) e.getValue()).getCodingFirstRep())
                .toList();
    }

    public IptCarePlan problemAreas(List<Coding> areas) {
        remove(Canonicals.EXT_PROBLEM_AREA);
        areas.forEach(a -> plan.addExtension(Canonicals.EXT_PROBLEM_AREA, new CodeableConcept(a.copy())));
        return this;
    }

    public Optional<Coding> disputeStage() {
        Extension ext = plan.getExtensionByUrl(Canonicals.EXT_DISPUTE_STAGE);
        return ext == null ? Optional.empty() : Optional.of((Coding) ext.getValue());
    }

    public IptCarePlan disputeStage(Coding stage) {
        remove(Canonicals.EXT_DISPUTE_STAGE);
        if (stage != null) {
            plan.addExtension(Canonicals.EXT_DISPUTE_STAGE, stage.copy());
        }
        return this;
    }

    public IptCarePlan integrationRoute(Coding route) {
        remove(Canonicals.EXT_INTEGRATION_ROUTE);
        plan.addExtension(Canonicals.EXT_INTEGRATION_ROUTE, route.copy());
        return this;
    }

    public Optional<Coding> integrationRoute() {
        Extension ext = plan.getExtensionByUrl(Canonicals.EXT_INTEGRATION_ROUTE);
        return ext == null ? Optional.empty() : Optional.of((Coding) ext.getValue());
    }

    /** When the course started (earlier scores are not part of it), if the plan says. */
    public Optional<java.time.Instant> start() {
        return plan.getPeriod().hasStart()
                ? health.rapport.plugin.fhir.ChartTimes.of(plan.getPeriod().getStartElement()) : Optional.empty();
    }

    public int contractedSessions() {
        Extension ext = plan.getExtensionByUrl(Canonicals.EXT_CONTRACTED_SESSIONS);
        return ext == null ? 0 : ((PositiveIntType) ext.getValue()).getValue();
    }

    public IptCarePlan contractedSessions(int sessions) {
        remove(Canonicals.EXT_CONTRACTED_SESSIONS);
        plan.addExtension(Canonicals.EXT_CONTRACTED_SESSIONS, new PositiveIntType(sessions));
        return this;
    }

    public int completedSessions() {
        Extension ext = plan.getExtensionByUrl(Canonicals.EXT_COMPLETED_SESSIONS);
        return ext == null ? 0 : ((UnsignedIntType) ext.getValue()).getValue();
    }

    public IptCarePlan completedSessions(int sessions) {
        remove(Canonicals.EXT_COMPLETED_SESSIONS);
        plan.addExtension(Canonicals.EXT_COMPLETED_SESSIONS, new UnsignedIntType(sessions));
        return this;
    }

    private void remove(String url) {
        plan.getExtension().removeIf(e -> url.equals(e.getUrl()));
    }
}
