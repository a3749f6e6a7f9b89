package health.rapport.plugin.panel.smart;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The one HTTP client of the launch: it never follows redirects (a code or a token goes to the
 * endpoint that was checked, nowhere else), keeps no cookies and bounds every wait and answer.
 */
final class SmartHttp {

    static final int MAX_BYTES = 256 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Status and body (at most {@link #MAX_BYTES}) of {@code request}. */
    Answer send(HttpRequest request, String what) {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new LaunchFailure(502, "The EHR's " + what + " answered with more than " + MAX_BYTES + " bytes.");
                }
                return new Answer(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new LaunchFailure(502, "The EHR's " + what + " could not be reached (" + e.getClass().getSimpleName() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure(503, "Rapport is shutting down.");
        }
    }

    record Answer(int status, String body) {
    }
}
