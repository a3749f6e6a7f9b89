package health.rapport.plugin.security;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches a JWKS document for Nimbus. Nimbus's own retriever follows redirects and reads
 * {@code file:} URLs; this one only GETs the configured URL, never follows a redirect, bounds
 * every wait and refuses oversized answers.
 */
public final class JwksRetriever implements ResourceRetriever {

    static final int MAX_BYTES = 256 * 1024;

    private final HttpClient http;
    private final Duration readTimeout;

    public JwksRetriever(HttpClient http, Duration readTimeout) {
        this.http = http;
        this.readTimeout = readTimeout;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url.toURI()).timeout(readTimeout)
                    .header("Accept", "application/jwk-set+json, application/json").GET().build();
        } catch (URISyntaxException e) {
            throw new IOException("not a URI: " + url, e);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted fetching " + url, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("JWKS " + url + " answered " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException("JWKS " + url + " is larger than " + MAX_BYTES + " bytes");
            }
            return new Resource(new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
                    response.headers().firstValue("Content-Type").orElse(null));
        }
    }
}
