package health.rapport.plugin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JWT checks of CDS Hooks 2.0, each failure on its own, and that refusals cost no key fetch. */
class CdsTokenVerifierTest {

    private static final String ISS = "https://ehr.example.org";
    private static final URI JWKS = URI.create("https://ehr.example.org/.well-known/jwks.json");
    private static final URI JKU = URI.create("https://keys.ehr.example.org/jwks.json");
    private static final URI OFF_LIST_JKU = URI.create("https://evil.example.com/jwks.json");
    private static final String AUD = "https://rapport.example.org/rapport/cds-services/rapport-ipt";
    private static final Instant NOW = Instant.parse("2026-02-21T12:00:00Z");

    private static RSAKey rsa;
    private static ECKey ec;
    private static RSAKey jkuKey;
    private static RSAKey stranger;

    private final AtomicInteger keyLookups = new AtomicInteger();
    private final CdsTokenVerifier verifier = verifier();

    @BeforeAll
    static void keys() throws JOSEException {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_384).keyID("ec-1").generate();
        jkuKey = new RSAKeyGenerator(2048).keyID("jku-1").generate();
        stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    }

    private CdsTokenVerifier verifier() {
        Map<URI, JWKSource<SecurityContext>> sources = Map.of(
                JWKS, counted(new ImmutableJWKSet<>(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())))),
                JKU, counted(new ImmutableJWKSet<>(new JWKSet(jkuKey.toPublicJWK()))));
        return new CdsTokenVerifier(List.of(new TrustedIssuer(ISS, JWKS, Set.of(JKU))), sources::get,
                new ReplayCache(1000), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));
    }

    private JWKSource<SecurityContext> counted(JWKSource<SecurityContext> source) {
        return (selector, context) -> {
            keyLookups.incrementAndGet();
            return source.get(selector, context);
        };
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISS).subject("ehr-client").audience(AUD)
                .issueTime(Date.from(NOW.minusSeconds(5))).expirationTime(Date.from(NOW.plusSeconds(240)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String rs384(JWTClaimsSet claims, RSAKey key, UnaryOperator<JWSHeader.Builder> header) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header.apply(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return "Bearer " + jwt.serialize();
    }

    private static String rs384(JWTClaimsSet claims) throws JOSEException {
        return rs384(claims, rsa, h -> h);
    }

    private void assertRejected(String authorization, String reason) {
        assertThatThrownBy(() -> verifier.verify(authorization, AUD))
                .isInstanceOf(TokenRejectedException.class).hasMessage(reason);
    }

    @Test
    void acceptsRs384AndEs384FromTheIssuersKeys() throws Exception {
        VerifiedCaller caller = verifier.verify(rs384(claims().build()), AUD);
        assertThat(caller.issuer()).isEqualTo(ISS);
        assertThat(caller.subject()).isEqualTo("ehr-client");

        SignedJWT es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("ec-1").build(), claims().build());
        es.sign(new ECDSASigner(ec));
        assertThat(verifier.verify("Bearer " + es.serialize(), AUD).issuer()).isEqualTo(ISS);
    }

    @Test
    void acceptsKeysFromAnAllowedJku() throws Exception {
        assertThat(verifier.verify(rs384(claims().build(), jkuKey, h -> h.jwkURL(JKU)), AUD).issuer()).isEqualTo(ISS);
    }

    @Test
    void refusesAlgNone() {
        String none = new PlainJWT(claims().build()).serialize();
        assertRejected("Bearer " + none, "not a signed JWT");
        assertThat(keyLookups).hasValue(0);
    }

    @Test
    void refusesHs256EvenWithAKeyItCouldGuess() throws Exception {
        // The classic confusion attack: HMAC keyed with the public RSA key's bytes.
        byte[] secret = rsa.toPublicJWK().toRSAPublicKey().getEncoded();
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
        hs.sign(new MACSigner(secret));
        assertRejected("Bearer " + hs.serialize(), "algorithm not allowed");
        assertThat(keyLookups).hasValue(0);
    }

    @Test
    void refusesRs256() throws Exception {
        SignedJWT rs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims().build());
        rs256.sign(new RSASSASigner(rsa));
        assertRejected("Bearer " + rs256.serialize(), "algorithm not allowed");
    }

    @Test
    void refusesAWrongAudience() throws Exception {
        assertRejected(rs384(claims().audience("https://rapport.example.org/rapport/cds-services").build()),
                "audience is not this endpoint");
        assertRejected(rs384(claims().audience(List.of(AUD, "https://other.example.org")).build()),
                "audience is not this endpoint");
    }

    @Test
    void refusesExpiredTokensAndTokensLivingTooLong() throws Exception {
        assertRejected(rs384(claims().expirationTime(Date.from(NOW.minusSeconds(31))).build()), "expired");
        assertRejected(rs384(claims().expirationTime(Date.from(NOW.plusSeconds(3600))).build()), "exp too far ahead");
        assertRejected(rs384(claims().expirationTime(null).build()), "exp or iat missing");
    }

    @Test
    void toleratesTheClockSkewOnly() throws Exception {
        assertThat(verifier.verify(rs384(claims().expirationTime(Date.from(NOW.minusSeconds(20))).build()), AUD)).isNotNull();
        assertThat(verifier.verify(rs384(claims().issueTime(Date.from(NOW.plusSeconds(20))).build()), AUD)).isNotNull();
    }

    @Test
    void refusesAFutureIat() throws Exception {
        assertRejected(rs384(claims().issueTime(Date.from(NOW.plusSeconds(120))).build()), "issued in the future");
    }

    @Test
    void refusesAReplayedJti() throws Exception {
        JWTClaimsSet once = claims().build();
        verifier.verify(rs384(once), AUD);
        assertRejected(rs384(once), "jti replayed");
        assertRejected(rs384(claims().jwtID(null).build()), "jti missing");
    }

    @Test
    void refusesAnUnknownIssuerWithoutFetchingAnyKey() throws Exception {
        assertRejected(rs384(claims().issuer("https://evil.example.com").build()), "issuer not trusted");
        assertRejected(rs384(claims().issuer(null).build()), "issuer not trusted");
        assertThat(keyLookups).hasValue(0);
    }

    @Test
    void refusesAnOffListJkuWithoutFetchingIt() throws Exception {
        assertRejected(rs384(claims().build(), rsa, h -> h.jwkURL(OFF_LIST_JKU)), "jku not allowed for the issuer");
        // Same URL but another case in the host: not exactly the listed one.
        assertRejected(rs384(claims().build(), rsa, h -> h.jwkURL(URI.create("https://KEYS.ehr.example.org/jwks.json"))),
                "jku not allowed for the issuer");
        assertThat(keyLookups).hasValue(0);
    }

    @Test
    void refusesASignatureByAnotherKeyAndATamperedPayload() throws Exception {
        assertRejected(rs384(claims().build(), stranger, h -> h), "signature not verified");
        String token = rs384(claims().build());
        String[] parts = token.substring(7).split("\\.");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims().subject("someone-else").build().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertRejected("Bearer " + parts[0] + "." + forged + "." + parts[2], "signature not verified");
    }

    @Test
    void refusesMissingOrOtherAuthorization() {
        assertRejected(null, "no bearer token");
        assertRejected("Basic dXNlcjpwYXNz", "no bearer token");
        assertRejected("Bearer not-a-jwt", "not a signed JWT");
    }
}
