package health.rapport.plugin.outcomes;

import java.util.Set;

/** The measure observation of a continuous-variable Measure: one value per course of the measure population. */
public interface ObservationRule {

    int observe(Course course);

    /** What the rule reads besides the course's plan; nothing by default. */
    default Set<CourseData> reads() {
        return Set.of();
    }
}
