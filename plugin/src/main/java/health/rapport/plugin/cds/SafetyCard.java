package health.rapport.plugin.cds;

import health.rapport.plugin.safety.Item9State;
import health.rapport.plugin.safety.Item9Status;
import health.rapport.plugin.safety.Item9Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The card of the patient's PHQ-9 item-9 state: critical for a positive answer no risk review
 * covers and for a check that could not be completed (a possible positive), a warning for an
 * unanswered item 9, information for a reviewed positive. It has no override reasons and links
 * only to the site's protocol and the risk-review form: it asks for an assessment, it proposes
 * nothing.
 */
final class SafetyCard {

    private static final String PREAMBLE = "PHQ-9 item 9 asks about thoughts that one would be better off dead, "
            + "or of hurting oneself. ";

    private final CardSettings settings;

    SafetyCard(CardSettings settings) {
        this.settings = settings;
    }

    Optional<Card> card(Item9State state, CardContext context) {
        Card.Indicator indicator;
        String advice;
        switch (state.status()) {
            case POSITIVE -> {
                indicator = Card.Indicator.CRITICAL;
                advice = "The patient answered it above 0. Assess suicide risk now, following your service's protocol, "
                        + "and record the review in Rapport's risk-review form.";
            }
            case COULD_NOT_CHECK -> {
                indicator = Card.Indicator.CRITICAL;
                advice = "Rapport could not rule out a positive answer, so treat it as possible: check the patient's "
                        + "latest PHQ-9 answers on the chart yourself.";
            }
            case NOT_ANSWERED -> {
                indicator = Card.Indicator.WARNING;
                advice = "It was left unanswered; an unanswered item is never read as 0. Ask the patient directly.";
            }
            case REVIEWED -> {
                indicator = Card.Indicator.INFO;
                advice = "A clinician has assessed the risk after this answer. A new positive answer raises a new alert.";
            }
            default -> {
                return Optional.empty();
            }
        }
        StringBuilder detail = new StringBuilder(PREAMBLE).append(advice).append("\n\n");
        Item9Words.details(state).forEach(line -> detail.append("- ").append(line).append('\n'));
        List<Card.Link> links = new ArrayList<>();
        if (!settings.safetyProtocolUrl().isBlank()) {
            links.add(Card.Link.absolute("Suicide-risk protocol", settings.safetyProtocolUrl()));
        }
        if (state.status() == Item9Status.POSITIVE) {
            links.add(Card.Link.smart("Record the risk review", context.appLaunchUrl(), "form=risk-review"));
        }
        return Optional.of(Card.of(Texts.summary(Item9Words.headline(state)), detail.toString(), indicator, List.of(),
                links));
    }
}
