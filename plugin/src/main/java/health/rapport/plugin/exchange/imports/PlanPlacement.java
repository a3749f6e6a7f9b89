package health.rapport.plugin.exchange.imports;

import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;

/**
 * Where the imported plan goes among the patient's local plans.
 *
 * @param alreadyImported a plan from this origin is already here: nothing is written again
 * @param opensCourse     the imported plan becomes the patient's open course
 * @param superseded      the older local open course it replaces, if any
 * @param courseNumber    the imported plan's ordinal among the patient's courses here
 */
public record PlanPlacement(boolean alreadyImported, boolean opensCourse, Optional<CarePlan> superseded, int courseNumber) {
}
