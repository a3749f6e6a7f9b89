package health.rapport.plugin.panel.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks the EHR's authorisation server whether an access token is live (RFC 7662 token
 * introspection) and what it allows. A live answer is kept for at most the token's remaining
 * lifetime and never longer than {@link #MAX_CACHE}, so a revoked token stops working within that
 * time; a refused token is never cached. Tokens are keyed by their SHA-256 digest: the cache holds
 * no token. At most {@link #MAX_ENTRIES} answers are kept.
 */
final class TokenIntrospector {

    static final Duration MAX_CACHE = Duration.ofMinutes(2);
    static final int MAX_ENTRIES = 10_000;

    private final SmartHttp http;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    TokenIntrospector(SmartHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * The live token's grant, or empty when the EHR says it is not active (unknown, expired,
     * revoked). {@code credentials} is the value of the Authorization header Rapport presents to
     * the introspection endpoint, if it has one.
     */
    Optional<Introspection> introspect(URI endpoint, String token, Optional<String> credentials) {
        Instant now = clock.instant();
        String key = digest(token);
        Cached cached = cache.get(key);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.introspection());
        }
        Optional<Introspection> answer = ask(endpoint, token, credentials)
                .filter(a -> a.expires().map(exp -> exp.isAfter(now)).orElse(true));
        cache.remove(key);
        // Without an expiry nothing tells how long the answer holds: it serves this request only.
        answer.ifPresent(a -> a.expires().ifPresent(exp -> remember(key, a, exp, now)));
        return answer;
    }

    private void remember(String key, Introspection introspection, Instant expires, Instant now) {
        if (cache.size() >= MAX_ENTRIES) {
            cache.values().removeIf(c -> !c.until().isAfter(now));
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
        }
        Instant until = expires.isBefore(now.plus(MAX_CACHE)) ? expires : now.plus(MAX_CACHE);
        cache.put(key, new Cached(introspection, until));
    }

    private Optional<Introspection> ask(URI endpoint, String token, Optional<String> credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(SmartHttp.TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "&token_type_hint=access_token"));
        credentials.ifPresent(value -> request.header("Authorization", value));
        SmartHttp.Answer answer = http.send(request.build(), "token introspection");
        if (answer.status() != 200) {
            throw new LaunchFailure(502, "The EHR's token introspection endpoint answered " + answer.status()
                    + "; Rapport cannot check access tokens until it works.");
        }
        return parse(answer.body());
    }

    Optional<Introspection> parse(String body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            throw new LaunchFailure(502, "The EHR's token introspection endpoint did not answer with JSON.");
        }
        if (node == null || !node.path("active").isBoolean() || !node.path("active").booleanValue()) {
            return Optional.empty();
        }
        Optional<Instant> expires = node.path("exp").canConvertToLong()
                ? Optional.of(Instant.ofEpochSecond(node.path("exp").asLong())) : Optional.empty();
        return Optional.of(new Introspection(text(node, "scope").orElse(""), text(node, "patient"),
                text(node, "fhirUser"), text(node, "client_id"), expires));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? Optional.empty()
                : Optional.of(value.asText().trim());
    }

    static String digest(String token) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    int cached() {
        return cache.size();
    }

    private record Cached(Introspection introspection, Instant until) {
    }
}
