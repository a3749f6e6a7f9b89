package health.rapport.plugin.cds;

import java.time.Instant;
import java.util.Optional;

/**
 * One answer to PHQ-9 item 9 found in the chart.
 *
 * @param value the weight, 0 to 3
 * @param when when it was answered (authored / effective), if known
 * @param source the resource it was read from, e.g. {@code QuestionnaireResponse/12}
 * @param derivedFrom the response an Observation was derived from, if any (to count one answer once)
 */
public record Item9Answer(int value, Optional<Instant> when, String source, Optional<String> derivedFrom) {

    public boolean positive() {
        return value > 0;
    }
}
