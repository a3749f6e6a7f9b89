package health.rapport.plugin.safety;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.ChartTimes;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.ItemReading;
import health.rapport.plugin.measures.MeasureScorer;
import health.rapport.plugin.measures.ScoreObservationReader;
import health.rapport.plugin.measures.SkippedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads PHQ-9 item 9 from whatever the chart holds: PHQ-9 QuestionnaireResponses (Rapport's form,
 * or LOINC's PHQ-9 form {@value #LOINC_PHQ9_FORM} that other systems use), item-9 Observations
 * from any source ({@link ScoreObservationReader}'s rules), and Rapport's risk reviews. Nothing
 * here throws on odd data: what cannot be used is returned as a {@link SkippedRecord}.
 */
public final class Item9Reader {

    /** LOINC's own PHQ-9 questionnaire, as other systems' forms cite it. */
    public static final String LOINC_PHQ9_FORM = "http://loinc.org/q/44249-1";

    private final MeasureScorer scorer = new MeasureScorer();
    private final ScoreObservationReader observations = new ScoreObservationReader();

    /** Whether {@code canonical} is a PHQ-9 form this reader understands. */
    public static boolean isPhq9(String canonical) {
        String url = Canonicals.url(canonical);
        return Canonicals.QUESTIONNAIRE_PHQ9.equals(url) || LOINC_PHQ9_FORM.equals(url);
    }

    public Item9Findings read(List<QuestionnaireResponse> responses, List<Observation> item9Observations,
            List<QuestionnaireResponse> reviewResponses) {
        List<Item9Answer> answers = new ArrayList<>();
        List<Unanswered> unanswered = new ArrayList<>();
        List<SkippedRecord> skipped = new ArrayList<>();
        Map<String, Integer> answeredByResponse = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (QuestionnaireResponse response : responses) {
            String source = "QuestionnaireResponse/" + response.getIdElement().getIdPart();
            if (!isPhq9(response.getQuestionnaire()) || !once(seen, response.getIdElement().getIdPart(), source)) {
                continue;
            }
            if (response.getStatus() == QuestionnaireResponseStatus.ENTEREDINERROR) {
                skipped.add(new SkippedRecord(source, "status entered-in-error", false));
                continue;
            }
            ItemReading item = item9(response);
            Optional<Instant> when = when(response);
            if (item instanceof ItemReading.Unreadable unreadable) {
                skipped.add(new SkippedRecord(source, "item 9: " + unreadable.problem(), true));
            } else if (item instanceof ItemReading.Answered answered) {
                if (when.isEmpty()) {
                    skipped.add(new SkippedRecord(source, "no authored time", answered.weight() > 0));
                } else {
                    answers.add(new Item9Answer(answered.weight(), when.get(), source, Optional.empty()));
                    answeredByResponse.put(source, answered.weight());
                }
            } else if (when.isPresent() && finished(response)) {
                unanswered.add(new Unanswered(when.get(), source));
            }
        }
        for (Observation observation : item9Observations) {
            if (!isItem9(observation)
                    || !once(seen, observation.getIdElement().getIdPart(), "Observation/" + observation.getIdElement().getIdPart())) {
                continue;
            }
            ScoreObservationReader.Result result = observations.read(observation, 3, true);
            if (result instanceof ScoreObservationReader.Skipped s) {
                skipped.add(s.record());
            } else if (result instanceof ScoreObservationReader.Usable u) {
                Optional<String> from = u.reading().derivedFrom();
                // The same answer as its response is one answer; a different one is kept (safety wins).
                boolean repeats = from.map(answeredByResponse::get)
                        .filter(v -> v == u.reading().value()).isPresent();
                if (!repeats) {
                    answers.add(new Item9Answer(u.reading().value(), u.reading().when(), u.reading().source(), from));
                }
            }
        }
        List<RiskReview> reviews = new ArrayList<>();
        for (QuestionnaireResponse review : reviewResponses) {
            readReview(review, skipped).ifPresent(reviews::add);
        }
        return new Item9Findings(answers, unanswered, reviews, skipped);
    }

    // A resource found twice (a prefetch and a page overlapping) is read once; one without an id always.
    private static boolean once(Set<String> seen, String id, String source) {
        return id == null || seen.add(source);
    }

    private ItemReading item9(QuestionnaireResponse response) {
        ItemReading reading = scorer.item(response, Instrument.PHQ9_ITEM9);
        // LOINC's forms use "/44260-8" as the linkId.
        return reading instanceof ItemReading.Unanswered ? scorer.item(response, "/" + Instrument.PHQ9_ITEM9) : reading;
    }

    static boolean isItem9(Observation observation) {
        return observation.getCode().getCoding().stream()
                .anyMatch(c -> Canonicals.LOINC.equals(c.getSystem()) && Instrument.PHQ9_ITEM9.equals(c.getCode()));
    }

    private static boolean finished(QuestionnaireResponse response) {
        return response.getStatus() == QuestionnaireResponseStatus.COMPLETED
                || response.getStatus() == QuestionnaireResponseStatus.AMENDED;
    }

    /** When the form was answered: authored, else when the server stored it. */
    static Optional<Instant> when(QuestionnaireResponse response) {
        Optional<Instant> authored = ChartTimes.of(response.getAuthoredElement());
        if (authored.isPresent()) {
            return authored;
        }
        return response.getMeta().hasLastUpdated()
                ? Optional.of(response.getMeta().getLastUpdated().toInstant()) : Optional.empty();
    }

    private static Optional<RiskReview> readReview(QuestionnaireResponse review, List<SkippedRecord> skipped) {
        String source = "QuestionnaireResponse/" + review.getIdElement().getIdPart();
        if (!RiskReviewForm.isRiskReview(review.getQuestionnaire()) || !finished(review)) {
            return Optional.empty();
        }
        Map<String, Type> answers = new HashMap<>();
        collect(review.getItem(), answers);
        Optional<Instant> at = answers.get(RiskReviewForm.ASSESSED_AT) instanceof DateTimeType t ? ChartTimes.of(t)
                : Optional.empty();
        Optional<String> by = answers.get(RiskReviewForm.ASSESSED_BY) instanceof StringType s && s.hasValue()
                ? Optional.of(s.getValue().strip()) : Optional.empty();
        Optional<String> outcome = answers.get(RiskReviewForm.OUTCOME) instanceof Coding c
                ? Optional.ofNullable(c.hasDisplay() ? c.getDisplay() : c.getCode()) : Optional.empty();
        if (at.isEmpty() || by.isEmpty() || outcome.isEmpty()) {
            skipped.add(new SkippedRecord(source, "risk review without assessment time, assessor or outcome", false));
            return Optional.empty();
        }
        boolean plan = answers.get(RiskReviewForm.SAFETY_PLAN) instanceof BooleanType b && b.booleanValue();
        Optional<String> next = answers.get(RiskReviewForm.NEXT_REVIEW) instanceof DateType d && d.hasValue()
                ? Optional.of(d.getValueAsString()) : Optional.empty();
        return Optional.of(new RiskReview(at.get(), by.get(), outcome.get(), plan, next, source));
    }

    private static void collect(List<QuestionnaireResponseItemComponent> items, Map<String, Type> answers) {
        for (QuestionnaireResponseItemComponent item : items) {
            if (item.hasAnswer()) {
                answers.putIfAbsent(item.getLinkId(), item.getAnswerFirstRep().getValue());
                item.getAnswer().forEach(a -> collect(a.getItem(), answers));
            }
            collect(item.getItem(), answers);
        }
    }
}
