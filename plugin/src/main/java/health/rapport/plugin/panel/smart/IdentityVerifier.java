package health.rapport.plugin.panel.smart;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import health.rapport.plugin.fhir.FhirIds;
import health.rapport.plugin.security.JwksRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who the clinician is, from the OpenID id_token the EHR issued with their access token: its
 * signature (keys from the EHR's {@code jwks_uri}, never from the token), issuer, audience (the
 * panel's client id) and expiry are checked; its {@code fhirUser} names the Practitioner who
 * becomes the agent of what Rapport writes on their behalf. The panel sends the token back with
 * each request, so nothing is kept here but the EHR's keys.
 */
final class IdentityVerifier {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384);
    private static final Pattern PRACTITIONER = Pattern.compile("(?:(.*)/)?Practitioner/(" + FhirIds.SYNTAX + ")");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT).build();
    private final Map<URI, JWKSource<SecurityContext>> keys = new ConcurrentHashMap<>();

    /**
     * The Practitioner id the id_token names as {@code fhirUser} (on the configured server, whose
     * base {@code fhirBase} has no trailing slash, or as a relative reference); empty when it names
     * someone else. Throws when the token is not valid.
     */
    Optional<String> practitioner(String idToken, SmartEndpoints endpoints, String clientId, String fhirBase) {
        if (endpoints.jwks().isEmpty() || endpoints.issuer().isEmpty()) {
            throw new LaunchFailure(401, "The EHR publishes no issuer and keys (jwks_uri) for its id_tokens; the "
                    + "clinician cannot be identified.");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, source(endpoints.jwks().get())));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId,
                new JWTClaimsSet.Builder().issuer(endpoints.issuer().get()).build(), Set.of("sub", "exp", "iat", "fhirUser")));
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (ParseException | BadJOSEException | com.nimbusds.jose.JOSEException e) {
            throw new LaunchFailure(401, "The clinician's identity from the EHR could not be verified; open the panel "
                    + "again from the chart.");
        }
        String fhirUser;
        try {
            fhirUser = claims.getStringClaim("fhirUser");
        } catch (ParseException e) {
            throw new LaunchFailure(401, "The EHR's id_token has no usable fhirUser.");
        }
        Matcher match = PRACTITIONER.matcher(fhirUser == null ? "" : fhirUser);
        if (!match.matches() || (match.group(1) != null && !match.group(1).equals(fhirBase))) {
            return Optional.empty();
        }
        return Optional.of(match.group(2));
    }

    private JWKSource<SecurityContext> source(URI jwks) {
        return keys.computeIfAbsent(jwks, u -> {
            try {
                // Cached; an unknown kid refreshes at most once per rate-limit interval.
                return JWKSourceBuilder.<SecurityContext>create(u.toURL(), new JwksRetriever(http, TIMEOUT))
                        .cache(Duration.ofMinutes(5).toMillis(), TIMEOUT.toMillis() + 1_000)
                        .rateLimited(true).retrying(false).build();
            } catch (MalformedURLException e) {
                throw new LaunchFailure(502, "The EHR's jwks_uri is not a URL.");
            }
        });
    }
}
