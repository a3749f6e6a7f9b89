package health.rapport.plugin.outcomes;

import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.ResponseStatus;
import java.util.Set;

/**
 * The last PHQ-9 of the course is at least 50 % below its baseline: the evaluator's response, or its
 * remission (from a baseline at caseness, a total under 5 is always more than 50 % lower).
 */
public final class DepressionResponse implements CourseRule {

    private static final Set<ResponseStatus> RESPONDED = Set.of(ResponseStatus.RESPONSE, ResponseStatus.REMISSION);

    @Override
    public Set<CourseData> reads() {
        return Set.of(CourseData.SCORES);
    }

    @Override
    public boolean test(Course course) {
        return course.judged(Instrument.PHQ9).filter(r -> RESPONDED.contains(r.status())).isPresent();
    }
}
