package health.rapport.plugin.careplan;

import health.rapport.plugin.fhir.Canonicals;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Task;

/**
 * Keeps the plan's activities in step with the questionnaire Tasks done for them, so the plan
 * itself says what is planned and what is done (other systems read the plan, not Rapport's
 * Tasks): a one-off activity (the Inventory) becomes completed; a repeating measure becomes
 * in-progress. The activity of the plan's current phase is preferred when a definition recurs
 * across phases.
 */
final class ActivityProgress {

    private ActivityProgress() {
    }

    /** Marks the activity {@code done} fulfils; true when the plan changed. */
    static boolean record(CarePlan plan, Task done, boolean repeating) {
        if (!done.hasInstantiatesCanonical()) {
            return false;
        }
        String definition = done.getInstantiatesCanonical();
        List<CarePlanActivityComponent> matching = plan.getActivity().stream()
                .filter(a -> a.getDetail().getInstantiatesCanonical().stream().map(CanonicalType::getValue)
                        .anyMatch(definition::equals))
                .toList();
        Optional<String> phase = IptCarePlan.of(plan).phase().map(IptPhase::code);
        Optional<CarePlanActivityComponent> target = matching.stream()
                .filter(a -> phase.isPresent() && phase.get().equals(phaseOf(a)))
                .findFirst().or(() -> matching.stream().findFirst());
        if (target.isEmpty()) {
            return false;
        }
        CarePlanActivityStatus next = repeating ? CarePlanActivityStatus.INPROGRESS : CarePlanActivityStatus.COMPLETED;
        CarePlanActivityStatus current = target.get().getDetail().getStatus();
        if (current == next || current == CarePlanActivityStatus.COMPLETED || current == CarePlanActivityStatus.CANCELLED) {
            return false;
        }
        target.get().getDetail().setStatus(next);
        return true;
    }

    private static String phaseOf(CarePlanActivityComponent activity) {
        Extension phase = activity.getExtensionByUrl(Canonicals.EXT_PHASE);
        return phase != null && phase.getValue() instanceof Coding c ? c.getCode() : null;
    }
}
