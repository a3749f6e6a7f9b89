package health.rapport.plugin.cds;

import health.rapport.plugin.fhir.ChartTimes;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.ScoreReading;
import health.rapport.plugin.measures.ScoreSeries;
import health.rapport.plugin.measures.SessionScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Observation;

/**
 * A course's totals of one measure from the hook's score Observations ({@link ScoreSeries}: the same
 * rules as processing). Observations carry no session number here, so they are numbered 0, 1, 2...
 * capped at the sessions the course has completed.
 */
final class MeasureSeries {

    private MeasureSeries() {
    }

    static List<SessionScore> of(ChartData chart, CarePlan plan, Instrument instrument, int session) {
        List<ScoreReading> readings = ScoreSeries.of(chart.get(PrefetchQuery.SCORES, Observation.class), instrument,
                plan.getPeriod().hasStart() ? ChartTimes.of(plan.getPeriod().getStartElement()) : Optional.empty(),
                Optional.empty()).readings();
        List<SessionScore> scores = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            scores.add(new SessionScore(Math.min(i, session), readings.get(i).value()));
        }
        return scores;
    }
}
