package health.rapport.plugin.cds;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * GETs FHIR queries from the FHIR server a CDS request names, with the token it granted. It is
 * not Rapport's chart store: that one talks to the configured server with Rapport's own
 * credentials, this one to the (allowlisted) server of the request with the clinician's. The
 * {@link HttpClient} it is given never follows redirects, so the token goes to that server only;
 * a 3xx is a failure like any other non-200.
 */
final class FhirServerClient {

    /** Larger answers are refused rather than read into memory. */
    static final int MAX_BYTES = 8 * 1024 * 1024;

    private final HttpClient http;
    private final Duration readTimeout;

    FhirServerClient(HttpClient http, Duration readTimeout) {
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the CDS FHIR client must not follow redirects");
        }
        this.http = http;
        this.readTimeout = readTimeout;
    }

    /** The body of a 200 answer to {@code GET {access.baseUrl}/{relativeUrl}}. */
    CompletableFuture<String> get(FhirAccess access, String relativeUrl) {
        HttpRequest request;
        try {
            // A paging link may be the base itself with a query ("?_getpages=…").
            String url = relativeUrl.startsWith("?") ? access.baseUrl() + relativeUrl : access.baseUrl() + "/" + relativeUrl;
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(readTimeout)
                    .header("Accept", "application/fhir+json")
                    // A FHIR server may answer a repeated search from a cached result set (HAPI JPA
                    // does for 60 s by default); the safety check needs what is on the chart now.
                    .header("Cache-Control", "no-cache")
                    .header("Authorization", "Bearer " + access.accessToken())
                    .GET().build();
        } catch (IllegalArgumentException e) {
            // The JDK refuses header values with CR/LF; its message could quote the token.
            return CompletableFuture.failedFuture(new FhirFetchException("request could not be built"));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new FhirFetchException("unreachable (" + rootCause(failure).getClass().getSimpleName() + ")");
                    }
                    return read(response);
                });
    }

    private static String read(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new FhirFetchException("answered " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new FhirFetchException("answer larger than " + MAX_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FhirFetchException("answer unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
