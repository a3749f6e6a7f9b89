package health.rapport.plugin.outcomes;

import java.util.Set;

/**
 * Reliable recovery (NHS Talking Therapies): from caseness at baseline to below caseness at the end on
 * every measure measured again, with a reliable improvement (and no reliable deterioration).
 */
public final class ReliableRecovery implements CourseRule {

    @Override
    public Set<CourseData> reads() {
        return Set.of(CourseData.SCORES);
    }

    @Override
    public boolean test(Course course) {
        return new CaseAtBaseline().test(course)
                && course.judged().stream().allMatch(r -> r.latest().total() < r.instrument().caseness())
                && new ReliableImprovement().test(course);
    }
}
