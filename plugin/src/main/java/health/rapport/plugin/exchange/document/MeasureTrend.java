package health.rapport.plugin.exchange.document;

import health.rapport.plugin.content.Displays;
import health.rapport.plugin.fhir.ChartTimes;
import health.rapport.plugin.measures.Instrument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;

/**
 * The measures section of the summary: each score in date order and, per instrument total,
 * the change from the first score of the course to the latest. It states numbers; deciding
 * what they mean clinically stays with the reader.
 */
final class MeasureTrend {

    private MeasureTrend() {
    }

    static List<String> headers() {
        return List.of("Date", "Measure", "Score", "Severity");
    }

    /** One row per score, in the order given (oldest first); severities named by {@code displays}. */
    static List<List<String>> rows(List<Observation> scores, Displays displays) {
        List<List<String>> rows = new ArrayList<>();
        for (Observation o : scores) {
            rows.add(List.of(ChartTimes.day(o.getEffectiveDateTimeType()), name(code(o)),
                    value(o).map(String::valueOf).orElse(""),
                    o.hasInterpretation() ? displays.of(o.getInterpretationFirstRep()) : ""));
        }
        return rows;
    }

    /** One sentence per instrument total with at least one score. */
    static List<String> trends(List<Observation> scores) {
        List<String> lines = new ArrayList<>();
        for (Instrument instrument : Instrument.values()) {
            List<Observation> totals = scores.stream().filter(o -> instrument.totalCode().equals(code(o)))
                    .filter(o -> value(o).isPresent()).toList();
            if (totals.isEmpty()) {
                continue;
            }
            Observation first = totals.get(0);
            Observation last = totals.get(totals.size() - 1);
            int from = value(first).orElseThrow();
            int to = value(last).orElseThrow();
            String line = instrument.title() + " total: " + from + " on " + day(first);
            if (totals.size() > 1) {
                line += ", latest " + to + " on " + day(last) + " (" + change(from, to) + ", " + totals.size() + " scores)";
            } else {
                line += " (one score so far)";
            }
            lines.add(line);
        }
        return lines;
    }

    private static String change(int from, int to) {
        if (from == to) {
            return "no change";
        }
        String direction = to < from ? "lower" : "higher";
        String points = Math.abs(to - from) + " point" + (Math.abs(to - from) == 1 ? "" : "s") + " " + direction;
        return from == 0 ? points : points + ", " + Math.round(100.0 * Math.abs(to - from) / from) + " %";
    }

    static String name(String code) {
        for (Instrument instrument : Instrument.values()) {
            if (instrument.totalCode().equals(code)) {
                return instrument.title() + " total";
            }
        }
        return Instrument.PHQ9_ITEM9.equals(code) ? "PHQ-9 item 9" : code;
    }

    private static String day(Observation o) {
        return ChartTimes.day(o.getEffectiveDateTimeType());
    }

    private static String code(Observation o) {
        return o.getCode().getCodingFirstRep().getCode();
    }

    private static Optional<Integer> value(Observation o) {
        return o.getValue() instanceof IntegerType i && i.getValue() != null ? Optional.of(i.getValue()) : Optional.empty();
    }
}
