package health.rapport.plugin.measures;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A PHQ-9 or GAD-7 score recomputed by Rapport from the item answers of one QuestionnaireResponse.
 *
 * @param instrument which measure
 * @param total the sum of the item weights; empty unless every scored item was answered
 *     (Rapport does not prorate: a partial sum would understate severity)
 * @param severity the band of {@code total} (docs/clinical-basis.md §3); empty when there is no total
 * @param item9 the PHQ-9 item 9 weight (0-3) when answered; always empty for GAD-7
 * @param safetySignal PHQ-9 item 9 above 0: a critical signal for the clinician, computed even
 *     when other items are missing
 * @param answeredItems linkIds of the scored items that have an answer
 * @param missingItems linkIds of the scored items without an answer
 */
public record MeasureScore(
        Instrument instrument,
        OptionalInt total,
        Optional<Severity> severity,
        OptionalInt item9,
        boolean safetySignal,
        List<String> answeredItems,
        List<String> missingItems) {

    public MeasureScore {
        Objects.requireNonNull(instrument, "instrument");
        answeredItems = List.copyOf(answeredItems);
        missingItems = List.copyOf(missingItems);
        if (total.isPresent() != severity.isPresent()) {
            throw new IllegalArgumentException("a severity goes with a total and only with one");
        }
        if (safetySignal && (item9.isEmpty() || item9.getAsInt() == 0)) {
            throw new IllegalArgumentException("the safety signal rests on a positive item 9");
        }
    }

    /** Every scored item answered, so there is a total. */
    public boolean isComplete() {
        return total.isPresent();
    }
}
