package health.rapport.plugin.measures;

import java.time.Instant;
import java.util.Optional;

/**
 * A usable score read from an Observation on the chart (Rapport's or another system's).
 *
 * @param value the score
 * @param when when it was measured
 * @param source the Observation, e.g. {@code Observation/abc}
 * @param derivedFrom the QuestionnaireResponse it says it derives from, if any (one value per response)
 */
public record ScoreReading(int value, Instant when, String source, Optional<String> derivedFrom) {
}
