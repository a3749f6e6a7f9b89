package health.rapport.plugin.outcomes;

import java.util.Set;

/**
 * A population criterion of a shipped Measure: how many members of the population one course brings
 * (0 or 1 for a course-based population, its sessions for a session-based one). The evaluator applies a
 * criterion only to what the enclosing population holds (initial population, then denominator, then
 * numerator), so a rule states its own condition only.
 */
public interface PopulationRule {

    long count(Course course);

    /** What the rule reads besides the course's plan; nothing by default. */
    default Set<CourseData> reads() {
        return Set.of();
    }
}
