package health.rapport.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Plain HTTP against the sandbox, as an EHR or a browser would call it. Rapport refuses anonymous
 * callers, so a request to Rapport's FHIR operations or the panel's data ({@code <rapport>/fhir},
 * {@code <rapport>/app/api/}) that names no Authorization goes with the sandbox clinician's token
 * ({@link #defaultCaller}); {@link #sendAnonymously} sends exactly what it is given.
 */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private static volatile String rapportUrl;
    private static volatile Supplier<String> defaultToken;

    private Http() {
    }

    /**
     * Requests to {@code rapportContextUrl}'s protected endpoints (and its health, which then shows
     * its details) go with {@code token} unless they name their own.
     */
    static void defaultCaller(String rapportContextUrl, Supplier<String> token) {
        rapportUrl = rapportContextUrl;
        defaultToken = token;
    }

    /** The token requests go with by default (the sandbox clinician's). */
    static String defaultToken() {
        return defaultToken.get();
    }

    /** The source of default tokens now; with {@link #defaultCaller} a test can switch EHRs and back. */
    static Supplier<String> defaultTokens() {
        return defaultToken;
    }

    /** GET without any Authorization header, whatever the URL. */
    static HttpResponse<String> getAnonymously(String url) {
        return sendAnonymously(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/fhir+json, application/json").timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** Sends {@code request} exactly as built: no token is added. */
    static HttpResponse<String> sendAnonymously(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code uri} is one of Rapport's endpoints that refuse anonymous callers. */
    static boolean protectedByRapport(URI uri) {
        String base = rapportUrl;
        String url = uri.toString();
        return base != null && (url.startsWith(base + "/fhir/") || url.startsWith(base + "/app/api/")
                || url.equals(base + "/fhir") || url.equals(base + "/health"));
    }

    static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json, application/json")
                .timeout(Duration.ofSeconds(30)).GET().build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        if (request.headers().firstValue("Authorization").isEmpty() && protectedByRapport(request.uri())
                && defaultToken != null) {
            request = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Authorization", "Bearer " + defaultToken.get()).build();
        }
        return sendAnonymously(request);
    }

    /**
     * GETs {@code url} until the answer satisfies {@code condition} or {@code timeout} passes;
     * returns the last answer either way, for the caller to assert on.
     */
    static HttpResponse<String> getUntil(String url, Predicate<HttpResponse<String>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = get(url);
        while (!condition.test(last) && System.nanoTime() < deadline) {
            pause();
            last = get(url);
        }
        return last;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
