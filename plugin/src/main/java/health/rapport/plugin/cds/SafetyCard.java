package health.rapport.plugin.cds;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The critical card for a positive PHQ-9 item 9 (CLINICAL.md §5). It has no override reasons
 * and links only to the site's protocol: it asks for a risk assessment, it proposes nothing.
 */
final class SafetyCard {

    private static final String[] WORDS = {"not at all", "several days", "more than half the days", "nearly every day"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final CardSettings settings;

    SafetyCard(CardSettings settings) {
        this.settings = settings;
    }

    Optional<Card> card(List<Item9Answer> positives) {
        if (positives.isEmpty()) {
            return Optional.empty();
        }
        Item9Answer latest = positives.get(0);
        StringBuilder detail = new StringBuilder("The patient answered PHQ-9 item 9 (thoughts that they would be better off "
                + "dead, or of hurting themselves) with a score above 0. Assess suicide risk now, following your "
                + "service's protocol.\n\n");
        for (Item9Answer answer : positives) {
            detail.append("- ").append(answer.value()).append(" (").append(WORDS[Math.min(answer.value(), 3)]).append(")")
                    .append(answer.when().map(w -> ", " + DAY.format(w)).orElse(""))
                    .append(" — ").append(answer.source()).append('\n');
        }
        List<Card.Link> links = new ArrayList<>();
        if (!settings.safetyProtocolUrl().isBlank()) {
            links.add(Card.Link.absolute("Suicide-risk protocol", settings.safetyProtocolUrl()));
        }
        String summary = "PHQ-9 item 9 positive (" + latest.value() + ": " + WORDS[Math.min(latest.value(), 3)]
                + "): assess suicide risk now";
        return Optional.of(Card.of(summary, detail.toString(), Card.Indicator.CRITICAL, List.of(), links));
    }
}
