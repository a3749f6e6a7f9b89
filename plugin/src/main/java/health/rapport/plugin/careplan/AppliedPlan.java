package health.rapport.plugin.careplan;

import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;

/** A plan applied to a patient: the CarePlan, and when each of its activities falls due. */
public record AppliedPlan(CarePlan carePlan, List<ScheduledActivity> schedule) {
}
