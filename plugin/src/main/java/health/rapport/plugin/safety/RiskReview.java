package health.rapport.plugin.safety;

import java.time.Instant;
import java.util.Optional;

/**
 * A clinician's suicide-risk review after a positive item 9, recorded with Rapport's risk-review
 * form. It clears the alert for every answer given at or before {@link #assessedAt()}; a later
 * positive answer raises the alert again.
 *
 * @param assessedAt when the risk was assessed
 * @param assessedBy who assessed it, as recorded on the form
 * @param outcome the outcome in words
 * @param safetyPlan whether a safety plan was made or updated
 * @param nextReview when the risk is to be reviewed next, as recorded (a date), if set
 * @param source the QuestionnaireResponse it was read from
 */
public record RiskReview(Instant assessedAt, String assessedBy, String outcome, boolean safetyPlan,
        Optional<String> nextReview, String source) {
}
