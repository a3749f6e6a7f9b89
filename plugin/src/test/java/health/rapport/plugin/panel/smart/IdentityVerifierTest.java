package health.rapport.plugin.panel.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdentityVerifierTest {

    private static final String ISSUER = "https://ehr.example.org";
    private static final String BASE = "https://ehr.example.org/fhir";
    private static RSAKey key;
    private static RSAKey otherKey;
    private static HttpServer jwks;
    private static SmartEndpoints endpoints;

    private final IdentityVerifier verifier = new IdentityVerifier();

    @BeforeAll
    static void keys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks.json", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
        endpoints = new SmartEndpoints(URI.create(ISSUER + "/authorize"), URI.create(ISSUER + "/token"),
                Optional.of(ISSUER), Optional.of(URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json")));
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    private static String idToken(RSAKey signer, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("u1").audience("rapport-panel")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("fhirUser", "Practitioner/dr-1");
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), change.apply(claims).build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    @Test
    void aValidIdTokenNamesItsPractitioner() throws Exception {
        assertThat(verifier.practitioner(idToken(key, c -> c), endpoints, "rapport-panel", BASE)).hasValue("dr-1");
        assertThat(verifier.practitioner(idToken(key, c -> c.claim("fhirUser", BASE + "/Practitioner/dr-2")), endpoints,
                "rapport-panel", BASE)).hasValue("dr-2");
    }

    @Test
    void someoneWhoIsNotAPractitionerOfThisServerIsNoAgent() throws Exception {
        assertThat(verifier.practitioner(idToken(key, c -> c.claim("fhirUser", "Patient/p1")), endpoints, "rapport-panel",
                BASE)).isEmpty();
        assertThat(verifier.practitioner(idToken(key, c -> c.claim("fhirUser", "https://other.example/fhir/Practitioner/x")),
                endpoints, "rapport-panel", BASE)).isEmpty();
    }

    @Test
    void forgedExpiredOrMisaddressedTokensAreRefused() throws Exception {
        String[] refused = {
            idToken(otherKey, c -> c),
            idToken(key, c -> c.audience("another-app")),
            idToken(key, c -> c.issuer("https://evil.example")),
            idToken(key, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(3600)))),
            idToken(key, c -> c.claim("fhirUser", null)),
            "not-a-jwt",
        };
        for (String token : refused) {
            assertThatThrownBy(() -> verifier.practitioner(token, endpoints, "rapport-panel", BASE))
                    .isInstanceOf(LaunchFailure.class)
                    .satisfies(e -> assertThat(((LaunchFailure) e).status()).isEqualTo(401));
        }
    }

    @Test
    void anEhrWithoutKeysCannotIdentifyAnyone() throws Exception {
        String token = idToken(key, c -> c);
        SmartEndpoints bare = new SmartEndpoints(URI.create(ISSUER + "/authorize"), URI.create(ISSUER + "/token"));
        assertThatThrownBy(() -> verifier.practitioner(token, bare, "rapport-panel", BASE)).isInstanceOf(LaunchFailure.class);
    }
}
