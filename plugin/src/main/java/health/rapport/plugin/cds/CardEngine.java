package health.rapport.plugin.cds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the card rules other than safety on one chart: each rule whose data all arrived, each on
 * its own, so that one rule's failure costs only its own card. Cards come out most urgent first
 * (by indicator), in rule order within one urgency.
 */
final class CardEngine {

    private static final Logger LOG = LoggerFactory.getLogger(CardEngine.class);

    private final List<CardRule> rules;

    CardEngine(List<CardRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Every query some rule needs. */
    Set<PrefetchQuery> needs() {
        Set<PrefetchQuery> needs = new LinkedHashSet<>();
        rules.forEach(r -> needs.addAll(r.needs()));
        return needs;
    }

    List<Card> cards(ChartData chart, CardContext context) {
        List<Card> cards = new ArrayList<>();
        for (CardRule rule : rules) {
            if (!chart.hasAll(rule.needs())) {
                LOG.debug("{} skipped: data unavailable", rule.getClass().getSimpleName());
                continue;
            }
            try {
                cards.addAll(rule.cards(chart, context));
            } catch (RuntimeException e) {
                LOG.warn("{} failed for this chart: {}", rule.getClass().getSimpleName(), e.toString());
            }
        }
        cards.sort(Comparator.comparing(Card::indicator));
        return cards;
    }
}
