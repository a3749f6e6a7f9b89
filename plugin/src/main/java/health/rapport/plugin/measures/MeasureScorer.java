package health.rapport.plugin.measures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;

/**
 * Recomputes a PHQ-9 or GAD-7 score from the item answers. A total the client sent (the
 * calculated 44261-6 / 70274-6 item) is ignored: only the server's sum is recorded.
 *
 * <p>Rules for incomplete responses: the total needs every scored item (no proration); PHQ-9 item 9
 * yields its value and the safety signal on its own. A response with no scored item answered, an
 * answer outside LOINC list LL358-3, or two answers to one item is unusable and raises
 * {@link UnscorableResponseException}, which still carries a valid item 9.
 */
public final class MeasureScorer {

    /** Which Rapport measure a response answers, if any (for dispatching a stored response). */
    public Optional<Instrument> instrumentOf(QuestionnaireResponse response) {
        return Instrument.forQuestionnaire(response.getQuestionnaire());
    }

    public MeasureScore score(QuestionnaireResponse response) {
        Instrument instrument = instrumentOf(response).orElseThrow(() -> new UnscorableResponseException(
                "questionnaire '" + response.getQuestionnaire() + "' is neither Rapport's PHQ-9 nor its GAD-7"));
        if (response.getStatus() == QuestionnaireResponseStatus.ENTEREDINERROR) {
            throw new UnscorableResponseException("the response is marked entered-in-error");
        }

        Map<String, List<QuestionnaireResponseItemComponent>> byLinkId = new HashMap<>();
        collect(response.getItem(), byLinkId);

        List<String> problems = new ArrayList<>();
        Map<String, Integer> weights = new HashMap<>();
        for (String linkId : instrument.itemLinkIds()) {
            weigh(linkId, byLinkId.getOrDefault(linkId, List.of()), weights, problems);
        }
        OptionalInt item9 = instrument.hasSafetyItem() && weights.containsKey(Instrument.PHQ9_ITEM9)
                ? OptionalInt.of(weights.get(Instrument.PHQ9_ITEM9))
                : OptionalInt.empty();
        if (weights.isEmpty() && problems.isEmpty()) {
            problems.add("none of the " + instrument.itemLinkIds().size() + " " + instrument.title()
                    + " items is answered");
        }
        if (!problems.isEmpty()) {
            throw new UnscorableResponseException(problems, item9);
        }

        List<String> answered = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String linkId : instrument.itemLinkIds()) {
            (weights.containsKey(linkId) ? answered : missing).add(linkId);
        }
        OptionalInt total = missing.isEmpty()
                ? OptionalInt.of(weights.values().stream().mapToInt(Integer::intValue).sum())
                : OptionalInt.empty();
        Optional<Severity> severity = total.isPresent()
                ? Optional.of(Severity.of(instrument, total.getAsInt()))
                : Optional.empty();
        boolean safetySignal = item9.isPresent() && item9.getAsInt() > 0;
        return new MeasureScore(instrument, total, severity, item9, safetySignal, answered, missing);
    }

    /**
     * One scored item read on its own (PHQ-9 item 9, for the safety check), whatever the state of
     * the other items: a defect elsewhere in the form never hides it.
     */
    public ItemReading item(QuestionnaireResponse response, String linkId) {
        Map<String, List<QuestionnaireResponseItemComponent>> byLinkId = new HashMap<>();
        collect(response.getItem(), byLinkId);
        Map<String, Integer> weights = new HashMap<>();
        List<String> problems = new ArrayList<>();
        weigh(linkId, byLinkId.getOrDefault(linkId, List.of()), weights, problems);
        if (!problems.isEmpty()) {
            return new ItemReading.Unreadable(String.join("; ", problems));
        }
        Integer weight = weights.get(linkId);
        return weight == null ? new ItemReading.Unanswered() : new ItemReading.Answered(weight);
    }

    private static void weigh(String linkId, List<QuestionnaireResponseItemComponent> items,
            Map<String, Integer> weights, List<String> problems) {
        if (items.size() > 1) {
            problems.add("item " + linkId + " appears " + items.size() + " times");
            return;
        }
        List<QuestionnaireResponseItemAnswerComponent> answers =
                items.isEmpty() ? List.of() : items.get(0).getAnswer();
        if (answers.isEmpty()) {
            return;
        }
        if (answers.size() > 1) {
            problems.add("item " + linkId + " has " + answers.size() + " answers; one is expected");
            return;
        }
        try {
            weights.put(linkId, AnswerWeight.of(answers.get(0)));
        } catch (IllegalArgumentException e) {
            problems.add("item " + linkId + ": " + e.getMessage());
        }
    }

    // Items may sit in groups or under answers (nested items); linkIds are unique in a Questionnaire.
    private static void collect(List<QuestionnaireResponseItemComponent> items,
            Map<String, List<QuestionnaireResponseItemComponent>> byLinkId) {
        for (QuestionnaireResponseItemComponent item : items) {
            byLinkId.computeIfAbsent(item.getLinkId(), k -> new ArrayList<>()).add(item);
            collect(item.getItem(), byLinkId);
            for (QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
                collect(answer.getItem(), byLinkId);
            }
        }
    }
}
