package health.rapport.plugin.outcomes;

import health.rapport.plugin.measures.TreatmentResponse;
import java.util.Set;

/** Reliable deterioration: the evaluator finds a reliable deterioration on at least one measure. */
public final class ReliableDeterioration implements CourseRule {

    @Override
    public Set<CourseData> reads() {
        return Set.of(CourseData.SCORES);
    }

    @Override
    public boolean test(Course course) {
        return course.judged().stream().anyMatch(TreatmentResponse::deteriorated);
    }
}
