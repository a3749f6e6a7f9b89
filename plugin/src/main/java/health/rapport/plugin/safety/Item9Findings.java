package health.rapport.plugin.safety;

import health.rapport.plugin.measures.SkippedRecord;
import java.util.List;

/**
 * Everything about PHQ-9 item 9 read from one patient's chart.
 *
 * @param answers usable answers, one per response (an Observation repeating its response's answer is
 *     not counted again)
 * @param unanswered completed PHQ-9 forms whose item 9 has no answer
 * @param reviews clinicians' risk reviews
 * @param skipped records set aside, with the reason
 */
public record Item9Findings(List<Item9Answer> answers, List<Unanswered> unanswered, List<RiskReview> reviews,
        List<SkippedRecord> skipped) {

    public Item9Findings {
        answers = List.copyOf(answers);
        unanswered = List.copyOf(unanswered);
        reviews = List.copyOf(reviews);
        skipped = List.copyOf(skipped);
    }
}
