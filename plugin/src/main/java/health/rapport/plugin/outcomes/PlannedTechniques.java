package health.rapport.plugin.outcomes;

import health.rapport.plugin.fhir.Canonicals;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan;

/** The activities of a plan that are IPT techniques (codes of the ipt-technique CodeSystem). */
final class PlannedTechniques {

    private PlannedTechniques() {
    }

    static List<CarePlanActivityComponent> of(CarePlan plan) {
        return plan.getActivity().stream().filter(a -> a.getDetail().getCode().getCoding().stream()
                .anyMatch(c -> Canonicals.CS_IPT_TECHNIQUE.equals(c.getSystem()))).toList();
    }
}
