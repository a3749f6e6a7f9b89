package health.rapport.plugin.cds;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.MeasureScorer;
import health.rapport.plugin.measures.UnscorableResponseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * Finds PHQ-9 item 9 answers in whatever part of the chart arrived: the PHQ-9 responses
 * (re-scored with {@link MeasureScorer}, so a defect elsewhere in the form never hides item 9)
 * and the item-9 score Observations. Which positive answers must be surfaced:
 * the latest answer whatever its age, and every positive answer within the look-back, so a
 * newer 0 does not silence a recent positive. An answer without a time counts as recent.
 */
final class SafetySignals {

    /** LOINC answer list LL358-3, for Observations coded with the answer rather than a number. */
    private static final Map<String, Integer> LL358_3 = Map.of("LA6568-5", 0, "LA6569-3", 1, "LA6570-1", 2, "LA6571-9", 3);
    private static final Set<Observation.ObservationStatus> VOID =
            Set.of(Observation.ObservationStatus.ENTEREDINERROR, Observation.ObservationStatus.CANCELLED);

    private final MeasureScorer scorer;
    private final Duration lookback;

    SafetySignals(MeasureScorer scorer, Duration lookback) {
        this.scorer = scorer;
        this.lookback = lookback;
    }

    /** Whether both sources of item 9 arrived, so a negative finding means "no signal". */
    static boolean complete(ChartData chart) {
        return chart.has(PrefetchQuery.PHQ9_RESPONSES) && chart.has(PrefetchQuery.SCORES);
    }

    /** The positive answers to surface, most recent first; empty when there is nothing to surface. */
    List<Item9Answer> toSurface(ChartData chart, Instant now) {
        List<Item9Answer> answers = answers(chart);
        Optional<Item9Answer> latest = answers.stream()
                .max(Comparator.comparing((Item9Answer a) -> a.when().orElse(Instant.MAX)));
        Instant since = now.minus(lookback);
        return answers.stream()
                .filter(Item9Answer::positive)
                .filter(a -> a.when().map(w -> !w.isBefore(since)).orElse(true) || latest.get() == a)
                .sorted(Comparator.comparing((Item9Answer a) -> a.when().orElse(Instant.MAX)).reversed())
                .toList();
    }

    List<Item9Answer> answers(ChartData chart) {
        List<Item9Answer> answers = new ArrayList<>();
        for (QuestionnaireResponse response : chart.get(PrefetchQuery.PHQ9_RESPONSES, QuestionnaireResponse.class)) {
            fromResponse(response).ifPresent(answers::add);
        }
        // An Observation repeating a response's answer is one answer; one that disagrees is kept (safety wins).
        Map<String, Integer> fromResponses = answers.stream()
                .collect(Collectors.toMap(Item9Answer::source, Item9Answer::value, (a, b) -> a));
        for (Observation observation : chart.get(PrefetchQuery.SCORES, Observation.class)) {
            fromObservation(observation)
                    .filter(a -> a.derivedFrom().map(d -> !Integer.valueOf(a.value()).equals(fromResponses.get(d)))
                            .orElse(true))
                    .ifPresent(answers::add);
        }
        return answers;
    }

    private Optional<Item9Answer> fromResponse(QuestionnaireResponse response) {
        if (scorer.instrumentOf(response).filter(i -> i == Instrument.PHQ9).isEmpty()) {
            return Optional.empty();
        }
        OptionalInt item9;
        try {
            item9 = scorer.score(response).item9();
        } catch (UnscorableResponseException e) {
            item9 = e.item9();
        }
        if (item9.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> when = response.hasAuthored() ? Optional.of(response.getAuthored().toInstant()) : Optional.empty();
        return Optional.of(new Item9Answer(item9.getAsInt(), when,
                "QuestionnaireResponse/" + response.getIdElement().getIdPart(), Optional.empty()));
    }

    private static Optional<Item9Answer> fromObservation(Observation observation) {
        boolean item9 = observation.getCode().getCoding().stream()
                .anyMatch(c -> Canonicals.LOINC.equals(c.getSystem()) && Instrument.PHQ9_ITEM9.equals(c.getCode()));
        if (!item9 || VOID.contains(observation.getStatus())) {
            return Optional.empty();
        }
        OptionalInt value = value(observation);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> when = observation.hasEffectiveDateTimeType() && observation.getEffectiveDateTimeType().getValue() != null
                ? Optional.of(observation.getEffectiveDateTimeType().getValue().toInstant())
                : Optional.empty();
        Optional<String> derivedFrom = observation.getDerivedFrom().stream()
                .map(r -> r.getReferenceElement())
                .filter(r -> "QuestionnaireResponse".equals(r.getResourceType()))
                .map(r -> "QuestionnaireResponse/" + r.getIdPart())
                .findFirst();
        return Optional.of(new Item9Answer(value.getAsInt(), when,
                "Observation/" + observation.getIdElement().getIdPart(), derivedFrom));
    }

    // A number, or the LOINC answer code; anything unreadable is no answer rather than a guessed one.
    private static OptionalInt value(Observation observation) {
        if (observation.hasValueIntegerType() && observation.getValueIntegerType().getValue() != null) {
            return OptionalInt.of(observation.getValueIntegerType().getValue());
        }
        if (observation.hasValueQuantity() && observation.getValueQuantity().hasValue()) {
            return OptionalInt.of(observation.getValueQuantity().getValue().intValue());
        }
        if (observation.hasValueCodeableConcept()) {
            for (Coding coding : observation.getValueCodeableConcept().getCoding()) {
                Integer weight = Canonicals.LOINC.equals(coding.getSystem()) ? LL358_3.get(coding.getCode()) : null;
                if (weight != null) {
                    return OptionalInt.of(weight);
                }
            }
        }
        return OptionalInt.empty();
    }
}
