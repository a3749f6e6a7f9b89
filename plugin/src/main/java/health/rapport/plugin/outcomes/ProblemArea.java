package health.rapport.plugin.outcomes;

import health.rapport.plugin.careplan.IptCarePlan;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;

/** Stratifier: the problem area(s) chosen for the course (one, at most two). */
public final class ProblemArea implements StratifierRule {

    @Override
    public List<Coding> strata(Course course) {
        return IptCarePlan.of(course.plan()).problemAreas();
    }
}
