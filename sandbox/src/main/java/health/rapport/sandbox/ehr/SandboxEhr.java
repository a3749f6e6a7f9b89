package health.rapport.sandbox.ehr;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
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
    /** How long the token of the sandbox clinician's own calls ({@link #clinicianToken()}) lives. */
    private static final java.time.Duration CLINICIAN_TOKEN_LIFETIME = java.time.Duration.ofHours(12);
    /** The EHRs running in this JVM, by FHIR base: the seeder calls Rapport as the clinician of the EHR it seeds. */
    private static final Map<String, SandboxEhr> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile String fhirBase;
    private volatile String rapportUrl;
    private volatile SmartAuthorizer.Grant clinicianGrant;

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

    /** Called once the FHIR server answers: tokens are for this base. */
    public void fhirBase(String base) {
        this.fhirBase = base;
        RUNNING.put(base, this);
        authorizer.audience(base);
        authorizer.idTokens(this::idToken);
    }

    /** An OpenID id_token: issuer this EHR, the authorisation server's claims, signed by {@link #sign}. */
    private String idToken(Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(root());
        claims.forEach(builder::claim);
        return sign(builder.issueTime(new Date((Long) claims.get("iat") * 1000))
                .expirationTime(new Date((Long) claims.get("exp") * 1000)).build());
    }

    /** Signs {@code claims} (ES384) with this EHR's key, whose public half {@link #jwks()} serves. */
    String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The public key of {@link #sign}, as the JWKS document the EHR serves. */
    JWKSet jwks() {
        return new JWKSet(signingKey.toPublicJWK());
    }

    /** Called once Rapport runs: registers its panel as a SMART client and lets the chart page call it. */
    public void connectRapport(String rapportContextUrl) {
        this.rapportUrl = rapportContextUrl;
        String redirect = rapportContextUrl + "/app/index.html";
        String caseload = rapportContextUrl + "/app/caseload.html";
        authorizer.register(PANEL_CLIENT_ID, Set.of(redirect, redirect.replace("//127.0.0.1:", "//localhost:"),
                caseload, caseload.replace("//127.0.0.1:", "//localhost:")));
    }

    public String fhirBase() {
        return fhirBase;
    }

    /** Called when the FHIR server stops. */
    public void stop() {
        if (fhirBase != null) {
            RUNNING.remove(fhirBase, this);
        }
    }

    /** The running sandbox EHR whose FHIR base is {@code fhirBase}, if any in this JVM. */
    public static java.util.Optional<SandboxEhr> at(String fhirBase) {
        return java.util.Optional.ofNullable(RUNNING.get(fhirBase));
    }

    /**
     * An access token of the sandbox's signed-in clinician (user-level, every resource type, no
     * patient context), as the EHR's own pages, the seeder and tests use to call Rapport. Renewed
     * before it expires.
     */
    public synchronized String clinicianToken() {
        SmartAuthorizer.Grant grant = clinicianGrant;
        if (grant == null || grant.until().isBefore(java.time.Instant.now().plus(java.time.Duration.ofMinutes(5)))) {
            grant = authorizer.issueForUser(PRACTITIONER, "openid fhirUser user/*.cruds", CLINICIAN_TOKEN_LIFETIME);
            clinicianGrant = grant;
        }
        return grant.accessToken();
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
