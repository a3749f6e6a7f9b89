package health.rapport.plugin.cds;

import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;

/** The patient's open IPT course, from the open-course identifier query. */
final class OpenPlan {

    private static final Set<CarePlan.CarePlanStatus> OPEN =
            Set.of(CarePlan.CarePlanStatus.ACTIVE, CarePlan.CarePlanStatus.ONHOLD, CarePlan.CarePlanStatus.DRAFT);

    private OpenPlan() {
    }

    static Optional<CarePlan> of(ChartData chart) {
        return chart.get(PrefetchQuery.CARE_PLAN, CarePlan.class).stream()
                .filter(p -> OPEN.contains(p.getStatus()))
                .findFirst();
    }
}
