package health.rapport.plugin.outcomes;

import health.rapport.plugin.measures.ReliableChange;
import java.util.Set;

/**
 * Reliable improvement (NHS Talking Therapies): a reliable improvement on at least one measure (PHQ-9 6
 * points, GAD-7 4, as the evaluator judges it) and a reliable deterioration on none.
 */
public final class ReliableImprovement implements CourseRule {

    private static final Set<ReliableChange> IMPROVED = Set.of(ReliableChange.IMPROVEMENT, ReliableChange.RELIABLE_RECOVERY);

    @Override
    public Set<CourseData> reads() {
        return Set.of(CourseData.SCORES);
    }

    @Override
    public boolean test(Course course) {
        return course.judged().stream().anyMatch(r -> r.reliableChange().filter(IMPROVED::contains).isPresent())
                && !new ReliableDeterioration().test(course);
    }
}
