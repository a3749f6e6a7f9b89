package health.rapport.plugin.safety;

import java.time.Instant;
import java.util.Optional;

/**
 * One usable answer to PHQ-9 item 9 found on the chart, from a QuestionnaireResponse or an
 * Observation, written by Rapport or by any other system.
 *
 * @param value the weight, 0 to 3
 * @param when when it was answered
 * @param source the resource it was read from, e.g. {@code QuestionnaireResponse/12}
 * @param derivedFrom the response an Observation says it was derived from, if any
 */
public record Item9Answer(int value, Instant when, String source, Optional<String> derivedFrom) {

    public boolean positive() {
        return value > 0;
    }
}
