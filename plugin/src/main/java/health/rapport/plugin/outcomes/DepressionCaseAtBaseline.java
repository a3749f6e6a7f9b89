package health.rapport.plugin.outcomes;

import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.ResponseStatus;
import java.util.Set;

/**
 * PHQ-9 measured at least twice in the course, with the baseline at caseness (PHQ-9 10 or more): the
 * courses whose response and remission {@code measures.TreatmentResponseEvaluator} judges.
 */
public final class DepressionCaseAtBaseline implements CourseRule {

    @Override
    public Set<CourseData> reads() {
        return Set.of(CourseData.SCORES);
    }

    @Override
    public boolean test(Course course) {
        return course.judged(Instrument.PHQ9).filter(r -> r.status() != ResponseStatus.BELOW_CASENESS).isPresent();
    }
}
