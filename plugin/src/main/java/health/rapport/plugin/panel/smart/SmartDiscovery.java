package health.rapport.plugin.panel.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SMART discovery: reads {@code <fhir base>/.well-known/smart-configuration} and keeps only what
 * is safe to use: absolute https endpoints (http only when allowed, for a sandbox), no user info
 * or fragment, and PKCE with S256 — a server that does not offer S256 is refused, not downgraded.
 */
public final class SmartDiscovery {

    private static final Duration CACHE = Duration.ofMinutes(5);

    private final SmartHttp http;
    private final boolean allowHttp;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    SmartDiscovery(SmartHttp http, boolean allowHttp, Clock clock) {
        this.http = http;
        this.allowHttp = allowHttp;
        this.clock = clock;
    }

    public SmartEndpoints of(String fhirBase) {
        Instant now = clock.instant();
        Cached cached = cache.get(fhirBase);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.endpoints();
        }
        SmartEndpoints endpoints = fetch(fhirBase);
        cache.put(fhirBase, new Cached(endpoints, now.plus(CACHE)));
        return endpoints;
    }

    private SmartEndpoints fetch(String fhirBase) {
        URI uri = URI.create(fhirBase + "/.well-known/smart-configuration");
        SmartHttp.Answer answer = http.send(HttpRequest.newBuilder(uri).timeout(SmartHttp.TIMEOUT)
                .header("Accept", "application/json").GET().build(), "SMART configuration");
        if (answer.status() != 200) {
            throw new LaunchFailure(502, "The EHR's FHIR server offers no SMART configuration (it answered "
                    + answer.status() + " at .well-known/smart-configuration); the panel cannot be launched from it.");
        }
        return parse(answer.body());
    }

    SmartEndpoints parse(String body) {
        JsonNode config;
        try {
            config = json.readTree(body);
        } catch (IOException e) {
            throw new LaunchFailure(502, "The EHR's SMART configuration is not JSON.");
        }
        boolean s256 = false;
        for (JsonNode method : config.path("code_challenge_methods_supported")) {
            s256 |= "S256".equals(method.asText());
        }
        if (!s256) {
            throw new LaunchFailure(502, "The EHR's authorisation server does not offer PKCE with S256, which the "
                    + "panel requires.");
        }
        Optional<String> issuer = Optional.of(config.path("issuer").asText("")).filter(i -> !i.isBlank());
        Optional<URI> jwks = config.hasNonNull("jwks_uri") ? Optional.of(endpoint(config, "jwks_uri")) : Optional.empty();
        Optional<URI> introspection = config.hasNonNull("introspection_endpoint")
                ? Optional.of(endpoint(config, "introspection_endpoint")) : Optional.empty();
        return new SmartEndpoints(endpoint(config, "authorization_endpoint"), endpoint(config, "token_endpoint"),
                issuer, jwks, introspection);
    }

    private URI endpoint(JsonNode config, String name) {
        String text = config.path(name).asText("");
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new LaunchFailure(502, "The EHR's SMART configuration has an invalid " + name + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeAllowed = scheme.equals("https") || (allowHttp && scheme.equals("http"));
        if (!uri.isAbsolute() || uri.getHost() == null || !schemeAllowed || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            throw new LaunchFailure(502, "The EHR's SMART configuration gives a " + name + " the panel will not use ("
                    + (schemeAllowed ? "not an absolute URL" : "not https") + ").");
        }
        return uri;
    }

    private record Cached(SmartEndpoints endpoints, Instant until) {
    }
}
