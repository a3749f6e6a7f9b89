package health.rapport.plugin.safety;

import java.time.Instant;

/**
 * A completed PHQ-9 whose item 9 has no answer: never read as 0, but as "ask directly".
 *
 * @param when when the form was completed
 * @param source the QuestionnaireResponse
 */
public record Unanswered(Instant when, String source) {
}
