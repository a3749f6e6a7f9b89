package health.rapport.plugin.cds;

import health.rapport.plugin.careplan.IptCarePlan;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;

/** The patient's open IPT course, from the open-course identifier query. */
final class OpenPlan {

    private OpenPlan() {
    }

    static Optional<CarePlan> of(ChartData chart) {
        return chart.get(PrefetchQuery.CARE_PLAN, CarePlan.class).stream()
                .filter(p -> IptCarePlan.of(p).open())
                .findFirst();
    }
}
