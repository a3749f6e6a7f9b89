package health.rapport.plugin.outcomes;

import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.ResponseStatus;
import java.util.Set;

/** The last PHQ-9 of the course is in remission (below 5), as the evaluator judges it. */
public final class DepressionRemission implements CourseRule {

    @Override
    public Set<CourseData> reads() {
        return Set.of(CourseData.SCORES);
    }

    @Override
    public boolean test(Course course) {
        return course.judged(Instrument.PHQ9).filter(r -> r.status() == ResponseStatus.REMISSION).isPresent();
    }
}
