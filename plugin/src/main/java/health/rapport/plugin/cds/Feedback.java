package health.rapport.plugin.cds;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;

/**
 * One item of a CDS Hooks 2.0 feedback call: what the clinician did with a card.
 *
 * @param card the card's uuid
 * @param outcome {@code accepted} or {@code overridden}
 * @param acceptedSuggestions ids of the suggestions taken (accepted only)
 * @param overrideReason the coded reason (overridden only), if given
 * @param userComment the clinician's words, if given
 * @param outcomeTimestamp when the clinician acted, if given
 */
record Feedback(String card, String outcome, List<String> acceptedSuggestions, Optional<Coding> overrideReason,
        Optional<String> userComment, Optional<Instant> outcomeTimestamp) {
}
