package health.rapport.plugin.cds;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.ChartTimes;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.ScoreObservationReader;
import health.rapport.plugin.measures.ScoreReading;
import health.rapport.plugin.measures.SessionScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Observation;

/**
 * A course's totals of one measure from the hook's score Observations, read by the same rules as
 * processing ({@link ScoreObservationReader}: any source, unusable records set aside), one value per
 * response (the newest Observation of an amended response), in time order since the course started.
 * Observations carry no session number here, so they are numbered 0, 1, 2... capped at the sessions
 * the course has completed.
 */
final class MeasureSeries {

    private static final ScoreObservationReader READER = new ScoreObservationReader();

    private MeasureSeries() {
    }

    static List<SessionScore> of(ChartData chart, CarePlan plan, Instrument instrument, int session) {
        Instant start = plan.getPeriod().hasStart() ? ChartTimes.of(plan.getPeriod().getStartElement()).orElse(null) : null;
        Map<String, ScoreReading> byResponse = new LinkedHashMap<>();
        List<ScoreReading> readings = new ArrayList<>();
        for (Observation o : chart.get(PrefetchQuery.SCORES, Observation.class)) {
            boolean total = o.getCode().getCoding().stream().anyMatch(
                    c -> Canonicals.LOINC.equals(c.getSystem()) && instrument.totalCode().equals(c.getCode()));
            if (!total || !(READER.read(o, instrument.maxTotal(), false) instanceof ScoreObservationReader.Usable u)) {
                continue;
            }
            ScoreReading reading = u.reading();
            if (start != null && reading.when().isBefore(start)) {
                continue;
            }
            if (reading.derivedFrom().isPresent()) {
                // The search is newest first: the first result of a response is its current one.
                byResponse.putIfAbsent(reading.derivedFrom().get(), reading);
            } else {
                readings.add(reading);
            }
        }
        readings.addAll(byResponse.values());
        readings.sort(Comparator.comparing(ScoreReading::when));
        List<SessionScore> scores = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            scores.add(new SessionScore(Math.min(i, session), readings.get(i).value()));
        }
        return scores;
    }
}
