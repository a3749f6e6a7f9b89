package health.rapport.plugin.cds;

import java.util.List;

/**
 * One kind of card (other than the safety card, which {@link SafetyCard} makes from whatever
 * arrived). A rule runs only when every query it needs is available, so a card is never drawn
 * from half the data.
 */
interface CardRule {

    List<PrefetchQuery> needs();

    List<Card> cards(ChartData chart, CardContext context);
}
