package health.rapport.plugin.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;

/**
 * Rapport's own access token as hospitals issue them to a service: SMART Backend Services
 * ({@code client_credentials} with a {@code private_key_jwt} client assertion signed RS384 or
 * ES384 with the configured private JWK). The token endpoint comes from the FHIR server's
 * {@code .well-known/smart-configuration}. The token is kept and renewed a minute before it
 * expires; it serves only Rapport's own background work. Never logged.
 */
final class BackendServiceTokens {

    static final Duration RENEW_BEFORE = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_BYTES = 64 * 1024;

    private final String fhirBase;
    private final String clientId;
    private final String scopes;
    private final JWK key;
    private final JWSAlgorithm algorithm;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();
    private volatile URI tokenEndpoint;
    private String token;
    private Instant renewAt = Instant.MIN;

    BackendServiceTokens(String fhirBase, String clientId, String privateJwk, String scopes, Clock clock) {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("auth=SMART_BACKEND needs a clientId");
        }
        if (scopes == null || scopes.isBlank()) {
            throw new IllegalArgumentException("auth=SMART_BACKEND needs the scopes to ask for");
        }
        this.fhirBase = fhirBase;
        this.clientId = clientId.trim();
        this.scopes = scopes.trim();
        this.clock = clock;
        try {
            this.key = JWK.parse(privateJwk == null ? "" : privateJwk);
        } catch (ParseException e) {
            throw new IllegalArgumentException("auth=SMART_BACKEND needs .privateKey: a private JWK (RSA or EC P-384)");
        }
        if (!key.isPrivate()) {
            throw new IllegalArgumentException(".privateKey must be a private JWK (it holds only a public key)");
        }
        this.algorithm = key instanceof ECKey ? JWSAlgorithm.ES384 : JWSAlgorithm.RS384;
        if (!(key instanceof ECKey || key instanceof RSAKey)) {
            throw new IllegalArgumentException(".privateKey must be an RSA or EC key (RS384 or ES384)");
        }
    }

    /** A live token, obtained or renewed when needed; a {@link ChartStoreException} when the EHR refuses. */
    synchronized String token() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            obtain(now);
        }
        return token;
    }

    private void obtain(Instant now) {
        URI endpoint = tokenEndpoint();
        String form = "grant_type=client_credentials&scope=" + enc(scopes)
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(assertion(endpoint, now));
        JsonNode answer = post(endpoint, form);
        String access = answer.path("access_token").asText("");
        long lifetime = answer.path("expires_in").asLong(300);
        if (access.isBlank() || lifetime <= 0) {
            throw failure("the EHR's token endpoint gave no access token");
        }
        token = access;
        Instant expires = now.plusSeconds(lifetime);
        Instant early = expires.minus(RENEW_BEFORE);
        renewAt = early.isAfter(now) ? early : now.plusSeconds(lifetime / 2);
    }

    /** The private_key_jwt assertion: this client, for that token endpoint, once, for five minutes. */
    String assertion(URI endpoint, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId)
                .audience(endpoint.toString()).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(key.getKeyID())
                .build(), claims);
        try {
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("the configured key cannot sign " + algorithm, e);
        }
        return jwt.serialize();
    }

    private URI tokenEndpoint() {
        if (tokenEndpoint == null) {
            JsonNode config = get(URI.create(fhirBase + "/.well-known/smart-configuration"));
            String endpoint = config.path("token_endpoint").asText("");
            URI uri;
            try {
                uri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw failure("the EHR's SMART configuration has an invalid token_endpoint");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean sameSchemeAsFhir = scheme.equals(URI.create(fhirBase).getScheme());
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || sameSchemeAsFhir)
                    || uri.getRawUserInfo() != null) {
                throw failure("the EHR's SMART configuration gives no usable token_endpoint");
            }
            tokenEndpoint = uri;
        }
        return tokenEndpoint;
    }

    private JsonNode get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET().build(),
                "SMART configuration");
    }

    private JsonNode post(URI uri, String form) {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), "token endpoint");
    }

    private JsonNode send(HttpRequest request, String what) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            if (body.length > MAX_BYTES) {
                throw failure("the EHR's " + what + " answered with too much");
            }
            if (response.statusCode() != 200) {
                throw failure("the EHR's " + what + " answered " + response.statusCode());
            }
            return json.readTree(body);
        } catch (IOException e) {
            throw new ChartStoreException(StoreFailure.UNAVAILABLE, 0, "Rapport's own token: the EHR's " + what
                    + " could not be reached (" + e.getClass().getSimpleName() + ")", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChartStoreException(StoreFailure.UNAVAILABLE, 0, "interrupted", null, e);
        }
    }

    private static ChartStoreException failure(String why) {
        return new ChartStoreException(StoreFailure.UNAUTHORISED, 0, "Rapport's own token: " + why, null, null);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
