package health.rapport.plugin.outcomes;

import java.util.Set;

/** PHQ-9 or GAD-7 measured at least twice in the course (a baseline and a later total): change can be judged. */
public final class MeasuredAgain implements CourseRule {

    @Override
    public Set<CourseData> reads() {
        return Set.of(CourseData.SCORES);
    }

    @Override
    public boolean test(Course course) {
        return !course.judged().isEmpty();
    }
}
