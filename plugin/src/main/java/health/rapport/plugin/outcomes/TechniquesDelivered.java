package health.rapport.plugin.outcomes;

import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;

/**
 * Every IPT technique the plan planned was delivered at least once: its activity is in progress (used in
 * a session) or completed. Completing a course cancels what was never started, so a technique never
 * delivered shows as cancelled (or still not started).
 */
public final class TechniquesDelivered implements CourseRule {

    @Override
    public boolean test(Course course) {
        return PlannedTechniques.of(course.plan()).stream().allMatch(a -> a.getDetail().getStatus() == CarePlanActivityStatus.INPROGRESS
                || a.getDetail().getStatus() == CarePlanActivityStatus.COMPLETED);
    }
}
