package health.rapport.plugin.cds;

import health.rapport.plugin.safety.Item9Reader;
import health.rapport.plugin.safety.Item9State;
import health.rapport.plugin.safety.SafetyRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * The item-9 state from whatever part of the chart arrived with the hook call (prefetch, or the
 * request's FHIR server), decided by the same {@link SafetyRule} as the panel, the export and
 * {@code $ipt-process}. A source that arrived neither way makes the check incomplete.
 */
final class SafetySignals {

    private final SafetyRule rule;
    private final Item9Reader reader = new Item9Reader();

    SafetySignals(SafetyRule rule) {
        this.rule = rule;
    }

    Item9State state(ChartData chart, Instant now) {
        List<String> unavailable = new ArrayList<>();
        if (!chart.has(PrefetchQuery.PHQ9_RESPONSES)) {
            unavailable.add("PHQ-9 responses");
        }
        if (!chart.has(PrefetchQuery.SCORES)) {
            unavailable.add("score Observations");
        }
        // Without the reviews every positive stays an alert: the safe side, so they are not required.
        return rule.assess(reader.read(chart.get(PrefetchQuery.PHQ9_RESPONSES, QuestionnaireResponse.class),
                chart.get(PrefetchQuery.SCORES, Observation.class),
                chart.get(PrefetchQuery.RISK_REVIEWS, QuestionnaireResponse.class)), unavailable, now);
    }
}
