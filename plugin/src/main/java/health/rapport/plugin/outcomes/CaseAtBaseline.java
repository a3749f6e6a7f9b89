package health.rapport.plugin.outcomes;

import health.rapport.plugin.measures.ResponseStatus;
import java.util.Set;

/**
 * At caseness at baseline (PHQ-9 10 or more, or GAD-7 8 or more) on at least one measure that was measured
 * again: the courses that can recover.
 */
public final class CaseAtBaseline implements CourseRule {

    @Override
    public Set<CourseData> reads() {
        return Set.of(CourseData.SCORES);
    }

    @Override
    public boolean test(Course course) {
        return course.judged().stream().anyMatch(r -> r.status() != ResponseStatus.BELOW_CASENESS);
    }
}
