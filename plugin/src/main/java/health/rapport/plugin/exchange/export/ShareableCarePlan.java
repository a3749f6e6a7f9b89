package health.rapport.plugin.exchange.export;

import health.rapport.plugin.exchange.ProcessNotes;
import health.rapport.plugin.fhir.Canonicals;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan;

/**
 * Turns the stored IPT CarePlan into the shareable one (profile ipt-careplan-shareable):
 * activities that are process notes, and notes labelled PSYTHPN, are removed; nothing else
 * of the plan changes.
 */
final class ShareableCarePlan {

    private final ProcessNotes processNotes;

    ShareableCarePlan(ProcessNotes processNotes) {
        this.processNotes = processNotes;
    }

    /** A shareable copy; the stored plan is left as it was. */
    CarePlan of(CarePlan stored) {
        CarePlan plan = stored.copy();
        plan.getActivity().removeIf(processNotes::isProcessNoteActivity);
        plan.getNote().removeIf(processNotes::labelled);
        plan.getMeta().getProfile().removeIf(p -> Canonicals.PROFILE_CAREPLAN.equals(p.getValue())
                || Canonicals.PROFILE_CAREPLAN_SHAREABLE.equals(p.getValue()));
        // The shareable profile derives from ipt-careplan, so claiming it claims both.
        plan.getMeta().getProfile().add(0, new CanonicalType(Canonicals.PROFILE_CAREPLAN_SHAREABLE));
        return plan;
    }
}
