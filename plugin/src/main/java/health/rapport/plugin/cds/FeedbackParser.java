package health.rapport.plugin.cds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Coding;

/** Reads a feedback body ({@code {"feedback": [...]}}), refusing anything malformed as a whole. */
final class FeedbackParser {

    static final int MAX_ITEMS = 50;
    static final int MAX_COMMENT = 2_000;
    private static final Set<String> OUTCOMES = Set.of("accepted", "overridden");

    private final ObjectMapper json;

    FeedbackParser(ObjectMapper json) {
        this.json = json;
    }

    List<Feedback> parse(byte[] body) {
        JsonNode items;
        try {
            items = json.readTree(body).path("feedback");
        } catch (IOException | NullPointerException e) {
            throw new InvalidHookRequestException("the body is not JSON");
        }
        if (!items.isArray() || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new InvalidHookRequestException("feedback must be an array of 1 to " + MAX_ITEMS + " items");
        }
        List<Feedback> feedback = new ArrayList<>();
        for (JsonNode item : items) {
            feedback.add(item(item));
        }
        return feedback;
    }

    private static Feedback item(JsonNode item) {
        String card = item.path("card").asText("");
        try {
            card = UUID.fromString(card).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidHookRequestException("feedback card must be a card uuid");
        }
        String outcome = item.path("outcome").asText("");
        if (!OUTCOMES.contains(outcome)) {
            throw new InvalidHookRequestException("feedback outcome must be accepted or overridden");
        }
        List<String> accepted = new ArrayList<>();
        item.path("acceptedSuggestions").forEach(s -> accepted.add(bounded(s.path("id").asText(""), 128)));
        JsonNode reason = item.path("overrideReason").path("reason");
        Optional<Coding> coding = reason.isObject()
                ? Optional.of(new Coding(bounded(reason.path("system").asText(null), 512),
                        bounded(reason.path("code").asText(null), 128), bounded(reason.path("display").asText(null), 512)))
                : Optional.empty();
        JsonNode comment = item.path("overrideReason").path("userComment");
        Optional<String> userComment = comment.isTextual() ? Optional.of(bounded(comment.asText(), MAX_COMMENT)) : Optional.empty();
        Optional<Instant> when = Optional.empty();
        if (item.path("outcomeTimestamp").isTextual()) {
            try {
                when = Optional.of(Instant.parse(item.path("outcomeTimestamp").asText()));
            } catch (DateTimeParseException e) {
                throw new InvalidHookRequestException("outcomeTimestamp must be an ISO instant");
            }
        }
        return new Feedback(card, outcome, accepted, coding, userComment, when);
    }

    private static String bounded(String text, int max) {
        if (text != null && text.length() > max) {
            throw new InvalidHookRequestException("a feedback value is longer than " + max + " characters");
        }
        return text;
    }
}
