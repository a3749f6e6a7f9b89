package health.rapport.plugin.measures;

import health.rapport.plugin.fhir.Canonicals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Observation;

/**
 * A measure's totals as a series, from Observations of any source read by {@link ScoreObservationReader}'s
 * rules: one value per response (of two results of one response, the later one), since a start, in
 * time order, and the records set aside.
 *
 * @param readings the usable totals, oldest first
 * @param skipped the records set aside, with the reason
 */
public record ScoreSeries(List<ScoreReading> readings, List<SkippedRecord> skipped) {

    private static final ScoreObservationReader READER = new ScoreObservationReader();

    public ScoreSeries {
        readings = List.copyOf(readings);
        skipped = List.copyOf(skipped);
    }

    /**
     * @param observations Observations of any code: only {@code instrument}'s total is read
     * @param since the start of the course (earlier totals are not part of it), if known
     * @param without a response whose own result is left out (the one being processed), if any
     */
    public static ScoreSeries of(List<Observation> observations, Instrument instrument, Optional<Instant> since,
            Optional<String> without) {
        Map<String, ScoreReading> byResponse = new LinkedHashMap<>();
        List<ScoreReading> readings = new ArrayList<>();
        List<SkippedRecord> skipped = new ArrayList<>();
        for (Observation observation : observations) {
            boolean total = observation.getCode().getCoding().stream().anyMatch(
                    c -> Canonicals.LOINC.equals(c.getSystem()) && instrument.totalCode().equals(c.getCode()));
            if (!total) {
                continue;
            }
            ScoreObservationReader.Result result = READER.read(observation, instrument.maxTotal(), false);
            if (result instanceof ScoreObservationReader.Skipped s) {
                skipped.add(s.record());
                continue;
            }
            ScoreReading reading = ((ScoreObservationReader.Usable) result).reading();
            if (reading.derivedFrom().isPresent() && reading.derivedFrom().equals(without)
                    || since.filter(reading.when()::isBefore).isPresent()) {
                continue;
            }
            reading.derivedFrom().ifPresentOrElse(
                    response -> byResponse.merge(response, reading, (a, b) -> b.when().isBefore(a.when()) ? a : b),
                    () -> readings.add(reading));
        }
        readings.addAll(byResponse.values());
        readings.sort(Comparator.comparing(ScoreReading::when));
        return new ScoreSeries(readings, skipped);
    }
}
