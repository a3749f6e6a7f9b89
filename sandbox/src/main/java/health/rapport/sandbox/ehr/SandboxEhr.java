package health.rapport.sandbox.ehr;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * The parts of the sandbox that play the EHR around its FHIR server: the SMART authorisation
 * server, the signing key of its CDS Hooks calls, and the small chart page that uses both. It
 * learns the FHIR base once the server is up, and where Rapport is once the OSGi host is.
 */
public final class SandboxEhr {

    /** The registered client id of Rapport's panel (matches health.rapport.app's default). */
    public static final String PANEL_CLIENT_ID = "rapport-panel";
    /** The sandbox's signed-in clinician (the sandbox creates this Practitioner in the record). */
    public static final String PRACTITIONER = "Practitioner/sandbox-clinician";

    private final SmartAuthorizer authorizer = new SmartAuthorizer(Clock.systemUTC());
    private final ECKey signingKey;
    private volatile String fhirBase;
    private volatile String rapportUrl;

    public SandboxEhr() {
        try {
            signingKey = new ECKeyGenerator(Curve.P_384).keyID("sandbox-ehr-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("no EC P-384 key generator", e);
        }
    }

    public SmartAuthorizer authorizer() {
        return authorizer;
    }

    ECKey signingKey() {
        return signingKey;
    }

    /** Called once the FHIR server answers: tokens are for this base. */
    public void fhirBase(String base) {
        this.fhirBase = base;
        authorizer.audience(base);
        authorizer.idTokens(this::idToken);
    }

    /** An OpenID id_token: issuer this EHR, signed with its key (the JWKS it serves). */
    private String idToken(java.util.Map<String, Object> claims) {
        com.nimbusds.jwt.JWTClaimsSet.Builder builder = new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(root());
        claims.forEach((k, v) -> builder.claim(k, v));
        builder.issueTime(new java.util.Date(((Long) claims.get("iat")) * 1000))
                .expirationTime(new java.util.Date(((Long) claims.get("exp")) * 1000));
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                com.nimbusds.jose.JWSAlgorithm.ES384).keyID(signingKey.getKeyID()).build(), builder.build());
        try {
            jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** Called once Rapport runs: registers its panel as a SMART client and lets the chart page call it. */
    public void connectRapport(String rapportContextUrl) {
        this.rapportUrl = rapportContextUrl;
        String redirect = rapportContextUrl + "/app/index.html";
        authorizer.register(PANEL_CLIENT_ID, Set.of(redirect, redirect.replace("//127.0.0.1:", "//localhost:")));
    }

    public String fhirBase() {
        return fhirBase;
    }

    String rapportUrl() {
        return rapportUrl;
    }

    /** The server root, e.g. http://localhost:8080 for the FHIR base http://localhost:8080/fhir. */
    String root() {
        return fhirBase.substring(0, fhirBase.lastIndexOf('/'));
    }

    /** The {@code iss} of this EHR's CDS Hooks JWTs. */
    public String issuer() {
        return root() + "/ehr";
    }

    public String jwksUrl() {
        return root() + "/ehr/jwks.json";
    }

    /** The chart page, e.g. http://localhost:8080/ehr/. */
    public String chartUrl() {
        return root() + "/ehr/";
    }
}
