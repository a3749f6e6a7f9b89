package health.rapport.plugin.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Verifies the JWT a CDS client sends with every request (CDS Hooks 2.0, "Trusting CDS
 * Clients"): signed with RS384 or ES384 by a key of a trusted issuer's JWKS (or of a
 * {@code jku} listed for that issuer), {@code aud} exactly the called endpoint, {@code exp}
 * at most five minutes ahead, {@code iat} not in the future, and a {@code jti} never seen before.
 * The checks that need no network run first, so a token from an unknown issuer or with a foreign
 * jku costs no fetch.
 */
public final class CdsTokenVerifier {

    /** CDS Hooks 2.0: the token's exp is no more than five minutes in the future. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);
    private static final int MAX_JTI_LENGTH = 256;

    private final Map<String, TrustedIssuer> issuers;
    private final Function<URI, DefaultJWTProcessor<SecurityContext>> processors;
    private final ReplayGuard replay;
    private final Clock clock;
    private final long skewMillis;

    public CdsTokenVerifier(List<TrustedIssuer> issuers, KeySources keys, ReplayGuard replay, Clock clock,
            Duration clockSkew) {
        this.issuers = issuers.stream().collect(Collectors.toUnmodifiableMap(TrustedIssuer::issuer, i -> i));
        Map<URI, DefaultJWTProcessor<SecurityContext>> byUrl = new java.util.HashMap<>();
        for (TrustedIssuer issuer : issuers) {
            byUrl.computeIfAbsent(issuer.jwksUrl(), url -> processor(keys, url));
            issuer.allowedJkus().forEach(jku -> byUrl.computeIfAbsent(jku, url -> processor(keys, url)));
        }
        this.processors = Map.copyOf(byUrl)::get;
        this.replay = replay;
        this.clock = clock;
        this.skewMillis = clockSkew.toMillis();
    }

    private static DefaultJWTProcessor<SecurityContext> processor(KeySources keys, URI url) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys.forUrl(url)));
        // The claims are checked below against Rapport's clock and rules (exact aud, lifetime, jti).
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        return processor;
    }

    /**
     * @param authorization the request's Authorization header
     * @param audience the exact URL of the endpoint that was called
     */
    public VerifiedCaller verify(String authorization, String audience) throws TokenRejectedException {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new TokenRejectedException("no bearer token");
        }
        SignedJWT jwt;
        JWTClaimsSet unverified;
        try {
            // SignedJWT refuses alg "none" (a plain JWT) and anything that is not a JWS.
            jwt = SignedJWT.parse(authorization.substring(7).trim());
            unverified = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejectedException("not a signed JWT");
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw new TokenRejectedException("algorithm not allowed");
        }
        TrustedIssuer issuer = unverified.getIssuer() == null ? null : issuers.get(unverified.getIssuer());
        if (issuer == null) {
            throw new TokenRejectedException("issuer not trusted");
        }
        URI keysUrl = issuer.jwksUrl();
        if (jwt.getHeader().getJWKURL() != null) {
            // Compared as strings: URI.equals folds the case of scheme and host, and "exactly" means exactly.
            String jku = jwt.getHeader().getJWKURL().toString();
            keysUrl = issuer.allowedJkus().stream().filter(u -> u.toString().equals(jku)).findFirst()
                    .orElseThrow(() -> new TokenRejectedException("jku not allowed for the issuer"));
        }
        JWTClaimsSet claims;
        try {
            claims = processors.apply(keysUrl).process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new TokenRejectedException("signature not verified");
        }
        return checked(issuer, claims, audience);
    }

    private VerifiedCaller checked(TrustedIssuer issuer, JWTClaimsSet claims, String audience)
            throws TokenRejectedException {
        if (!issuer.issuer().equals(claims.getIssuer())) {
            throw new TokenRejectedException("issuer changed");
        }
        if (audience == null || !List.of(audience).equals(claims.getAudience())) {
            throw new TokenRejectedException("audience is not this endpoint");
        }
        long now = clock.millis();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw new TokenRejectedException("exp or iat missing");
        }
        if (exp.getTime() + skewMillis < now) {
            throw new TokenRejectedException("expired");
        }
        if (exp.getTime() > now + MAX_LIFETIME.toMillis() + skewMillis) {
            throw new TokenRejectedException("exp too far ahead");
        }
        if (iat.getTime() > now + skewMillis) {
            throw new TokenRejectedException("issued in the future");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_LENGTH) {
            throw new TokenRejectedException("jti missing");
        }
        // Only a fully verified token is remembered, so forged tokens cannot fill the cache.
        if (!replay.firstUse(issuer.issuer() + '\n' + jti, exp.getTime() + skewMillis, now)) {
            throw new TokenRejectedException("jti replayed");
        }
        return new VerifiedCaller(issuer.issuer(), claims.getSubject(), jti);
    }
}
