package health.rapport.plugin.inventory;

import health.rapport.plugin.fhir.Canonicals;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Goal.GoalLifecycleStatus;
import org.hl7.fhir.r4.model.Reference;

/**
 * An agreed focus into an IPT Goal. The Inventory does not tie a focus to one problem area, so each
 * Goal addresses every chosen problem area, and carries the problem-area extension only when there
 * is just one.
 */
final class FocusGoals {

    private FocusGoals() {
    }

    static Extracted<Goal> goal(ExtractionContext ctx, String path, String description, List<ProblemArea> areas) {
        Goal g = new Goal();
        g.getMeta().addProfile(Canonicals.PROFILE_GOAL);
        if (areas.size() == 1) {
            g.addExtension(Canonicals.EXT_PROBLEM_AREA, new CodeableConcept(areas.get(0).area().copy()));
        }
        g.setLifecycleStatus(GoalLifecycleStatus.ACTIVE);
        g.getDescription().setText(description);
        g.setSubject(ctx.subject());
        g.setStart(ctx.authoredDate());
        areas.forEach(a -> g.addAddresses(new Reference(a.conditionFullUrl())));
        return ctx.extracted(path, g);
    }
}
