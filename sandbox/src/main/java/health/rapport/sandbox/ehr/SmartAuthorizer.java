package health.rapport.sandbox.ehr;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The sandbox EHR's SMART authorisation server (App Launch 2.2, EHR launch, public clients with
 * PKCE S256 only). The sandbox clinician is always signed in and approves every request; what is
 * checked is what a real server checks: the registered client and redirect URI, the launch
 * context, state, audience, the code's single use and lifetime, and the code verifier.
 */
public final class SmartAuthorizer {

    static final Duration LAUNCH_LIFETIME = Duration.ofMinutes(10);
    static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Set<String>> clients = new ConcurrentHashMap<>();
    private final Map<String, Launch> launches = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
    private final Map<String, Backend> backends = new ConcurrentHashMap<>();
    private final Set<String> usedAssertions = ConcurrentHashMap.newKeySet();
    private volatile String audience = "";
    private volatile java.util.function.Function<Map<String, Object>, String> idTokens = claims -> null;

    public SmartAuthorizer(Clock clock) {
        this.clock = clock;
    }

    /** The FHIR base tokens are for (the {@code aud} an app must ask for). */
    public void audience(String fhirBase) {
        this.audience = fhirBase;
    }

    /** How id_tokens are signed (claims in, compact JWS out); without it no id_token is issued. */
    public void idTokens(java.util.function.Function<Map<String, Object>, String> signer) {
        this.idTokens = signer;
    }

    /** Registers a public client and the redirect URIs it may use (exact match). */
    public void register(String clientId, Set<String> redirectUris) {
        clients.put(clientId, Set.copyOf(redirectUris));
    }

    /**
     * Registers a SMART Backend Services client: its public keys (it signs its client assertions
     * RS384 or ES384 with the private halves) and the scopes it may be granted.
     */
    public void registerBackend(String clientId, com.nimbusds.jose.jwk.JWKSet publicKeys, String allowedScopes) {
        backends.put(clientId, new Backend(publicKeys.toPublicJWKSet(), Set.of(allowedScopes.trim().split("\\s+"))));
    }

    /**
     * Opens a launch context for {@code patient} (null: a launch without a patient, e.g. the caseload);
     * the id goes to the app as {@code launch}.
     */
    public String launch(String patient, String practitioner) {
        return open(new Launch(patient, practitioner, null, clock.instant().plus(LAUNCH_LIFETIME)));
    }

    /**
     * Opens a launch context for the IPT group {@code group} (its id) and no patient, signed in as
     * {@code practitioner}: the token answer names the group in SMART 2's {@code fhirContext}.
     */
    public String launchForGroup(String group, String practitioner) {
        return open(new Launch(null, practitioner, group, clock.instant().plus(LAUNCH_LIFETIME)));
    }

    private String open(Launch launch) {
        String id = secret(16);
        launches.put(id, launch);
        return id;
    }

    /** The client id of tokens the EHR issues to itself (its CDS calls' fhirAuthorization, its own pages). */
    public static final String EHR_CLIENT_ID = "sandbox-ehr";

    /** A token for a server-side caller (the CDS call's fhirAuthorization), scoped to one patient. */
    public Grant issue(String patient, String scope, Duration lifetime) {
        return remember(new Grant(secret(32), patient, scope, clock.instant().plus(lifetime), new AtomicInteger(),
                EHR_CLIENT_ID, null));
    }

    /**
     * A token for a signed-in user ({@code fhirUser}, e.g. {@code Practitioner/123}) with no patient
     * context, as a user-level SMART launch gives (scopes {@code user/…}).
     */
    public Grant issueForUser(String fhirUser, String scope, Duration lifetime) {
        return remember(new Grant(secret(32), null, scope, clock.instant().plus(lifetime), new AtomicInteger(),
                EHR_CLIENT_ID, fhirUser));
    }

    /**
     * A token for a signed-in clinician ({@code fhirUser} {@code Practitioner/…}) with no patient context,
     * whose user scopes reach only the patients the clinician cares for, as a clinician's SMART launch
     * without a patient gets (the caseload).
     */
    public Grant issueForClinician(String fhirUser, String scope, Duration lifetime) {
        return remember(new Grant(secret(32), null, scope, clock.instant().plus(lifetime), new AtomicInteger(),
                EHR_CLIENT_ID, fhirUser, true));
    }

    /**
     * A token for a registered backend client (SMART Backend Services): no patient and no user, its
     * {@code system/…} scopes reach every patient's records.
     */
    public Grant issueToClient(String clientId, String scope, Duration lifetime) {
        return remember(new Grant(secret(32), null, scope, clock.instant().plus(lifetime), new AtomicInteger(),
                clientId, null));
    }

    private Grant remember(Grant grant) {
        tokens.put(grant.accessToken(), grant);
        return grant;
    }

    /**
     * RFC 7662 token introspection: {@code active} and, for a live token, its scopes, expiry, client,
     * and SMART's {@code patient} and {@code fhirUser}. Asking does not count as a use.
     */
    public Map<String, Object> introspect(String accessToken) {
        Grant grant = accessToken == null ? null : tokens.get(accessToken);
        if (grant == null || grant.until().isBefore(clock.instant())) {
            return Map.of("active", false);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        answer.put("scope", grant.scope());
        answer.put("client_id", grant.clientId());
        answer.put("token_type", "Bearer");
        answer.put("exp", grant.until().getEpochSecond());
        answer.put("iss", audience.isEmpty() ? "" : audience.substring(0, audience.lastIndexOf('/')));
        if (grant.patient() != null) {
            answer.put("patient", grant.patient());
        }
        if (grant.fhirUser() != null) {
            answer.put("fhirUser", grant.fhirUser());
            answer.put("sub", grant.fhirUser());
        }
        return answer;
    }

    /**
     * The answer to an authorisation request: a redirect to the app with a code, or with an
     * error; or, when the client or redirect URI cannot be trusted, an error shown here.
     */
    public Authorization authorize(Map<String, String> request) {
        String clientId = request.getOrDefault("client_id", "");
        String redirect = request.getOrDefault("redirect_uri", "");
        if (!clients.getOrDefault(clientId, Set.of()).contains(redirect)) {
            return Authorization.refused("Unknown client_id or unregistered redirect_uri: nothing is sent back.");
        }
        String state = request.get("state");
        if (state == null || state.isEmpty()) {
            return Authorization.redirect(redirect, Map.of("error", "invalid_request", "error_description", "state is required"));
        }
        Optional<String> problem = problem(request);
        if (problem.isPresent()) {
            return Authorization.redirect(redirect, Map.of("error", "invalid_request", "error_description", problem.get(),
                    "state", state));
        }
        Launch launch = launches.get(request.get("launch"));
        if (launch == null || launch.until().isBefore(clock.instant())) {
            return Authorization.redirect(redirect, Map.of("error", "invalid_request",
                    "error_description", "unknown or expired launch", "state", state));
        }
        String code = secret(32);
        codes.put(code, new Code(clientId, redirect, request.get("code_challenge"), request.get("scope"), launch,
                clock.instant().plus(CODE_LIFETIME)));
        return Authorization.redirect(redirect, Map.of("code", code, "state", state));
    }

    private Optional<String> problem(Map<String, String> request) {
        if (!"code".equals(request.get("response_type"))) {
            return Optional.of("response_type must be code");
        }
        if (!"S256".equals(request.get("code_challenge_method"))
                || !CHALLENGE.matcher(request.getOrDefault("code_challenge", "")).matches()) {
            return Optional.of("PKCE with code_challenge_method S256 is required");
        }
        if (!audience.equals(request.get("aud"))) {
            return Optional.of("aud must be this EHR's FHIR base " + audience);
        }
        String scope = " " + request.getOrDefault("scope", "") + " ";
        if (!scope.contains(" launch ")) {
            return Optional.of("an EHR launch needs the launch scope");
        }
        return Optional.empty();
    }

    /** The token endpoint: the JSON answer (status 200) or an OAuth error (status 400). */
    public TokenAnswer token(Map<String, String> form) {
        if ("client_credentials".equals(form.get("grant_type"))) {
            return clientCredentials(form);
        }
        if (!"authorization_code".equals(form.get("grant_type"))) {
            return TokenAnswer.error("unsupported_grant_type");
        }
        Code code = codes.remove(form.getOrDefault("code", ""));
        if (code == null || code.until().isBefore(clock.instant())) {
            return TokenAnswer.error("invalid_grant");
        }
        if (!code.clientId().equals(form.get("client_id")) || !code.redirect().equals(form.get("redirect_uri"))) {
            return TokenAnswer.error("invalid_grant");
        }
        String verifier = form.getOrDefault("code_verifier", "");
        if (verifier.length() < 43 || verifier.length() > 128 || !s256(verifier).equals(code.challenge())) {
            return TokenAnswer.error("invalid_grant");
        }
        String scope = code.scope().replaceAll("\\s+", " ").trim();
        boolean identified = (" " + scope + " ").contains(" fhirUser ");
        // A clinician's own launch: the user scopes reach the patients they care for, never the whole record.
        Grant grant = remember(new Grant(secret(32), code.launch().patient(), scope, clock.instant().plus(TOKEN_LIFETIME),
                new AtomicInteger(), code.clientId(), identified ? code.launch().practitioner() : null, true));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", grant.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", TOKEN_LIFETIME.toSeconds());
        body.put("scope", scope);
        if (code.launch().patient() != null) {
            body.put("patient", code.launch().patient());
        }
        if (code.launch().group() != null) {
            // SMART App Launch 2: context other than patient and encounter, as relative references.
            body.put("fhirContext", java.util.List.of(Map.of("reference", "Group/" + code.launch().group())));
        }
        body.put("need_patient_banner", false);
        if ((" " + scope + " ").contains(" openid ")) {
            // OpenID Connect: who the clinician is, for the app (fhirUser with the fhirUser scope).
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("sub", code.launch().practitioner());
            claims.put("aud", code.clientId());
            claims.put("iat", clock.instant().getEpochSecond());
            claims.put("exp", grant.until().getEpochSecond());
            if ((" " + scope + " ").contains(" fhirUser ")) {
                claims.put("fhirUser", code.launch().practitioner());
            }
            String idToken = idTokens.apply(claims);
            if (idToken != null) {
                body.put("id_token", idToken);
            }
        }
        return new TokenAnswer(200, body);
    }

    /** Lifetime of a Backend Services token. */
    static final Duration BACKEND_TOKEN_LIFETIME = Duration.ofMinutes(5);

    /**
     * SMART Backend Services: the client proves who it is with a JWT it signed (private_key_jwt,
     * RS384/ES384) for this token endpoint, used once and valid at most five minutes; it gets the
     * requested scopes it is registered for.
     */
    private TokenAnswer clientCredentials(Map<String, String> form) {
        if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
            return TokenAnswer.error("invalid_client");
        }
        com.nimbusds.jwt.SignedJWT jwt;
        com.nimbusds.jwt.JWTClaimsSet claims;
        try {
            jwt = com.nimbusds.jwt.SignedJWT.parse(form.getOrDefault("client_assertion", ""));
            claims = jwt.getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            return TokenAnswer.error("invalid_client");
        }
        String clientId = claims.getIssuer();
        Backend backend = clientId == null ? null : backends.get(clientId);
        if (backend == null || !clientId.equals(claims.getSubject()) || !verified(jwt, backend)) {
            return TokenAnswer.error("invalid_client");
        }
        Instant now = clock.instant();
        String endpoint = audience.substring(0, audience.lastIndexOf('/')) + "/auth/token";
        if (claims.getAudience() == null || !claims.getAudience().contains(endpoint) || claims.getExpirationTime() == null
                || !claims.getExpirationTime().toInstant().isAfter(now)
                || claims.getExpirationTime().toInstant().isAfter(now.plus(Duration.ofMinutes(5)).plusSeconds(30))
                || claims.getJWTID() == null || !usedAssertions.add(clientId + " " + claims.getJWTID())) {
            return TokenAnswer.error("invalid_client");
        }
        String granted = java.util.Arrays.stream(form.getOrDefault("scope", "").trim().split("\\s+"))
                .filter(backend.scopes()::contains).distinct().collect(java.util.stream.Collectors.joining(" "));
        if (granted.isEmpty()) {
            return TokenAnswer.error("invalid_scope");
        }
        Grant grant = issueToClient(clientId, granted, BACKEND_TOKEN_LIFETIME);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", grant.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", BACKEND_TOKEN_LIFETIME.toSeconds());
        body.put("scope", granted);
        return new TokenAnswer(200, body);
    }

    private static boolean verified(com.nimbusds.jwt.SignedJWT jwt, Backend backend) {
        com.nimbusds.jose.JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        try {
            for (com.nimbusds.jose.jwk.JWK key : backend.keys().getKeys()) {
                if (jwt.getHeader().getKeyID() != null && !jwt.getHeader().getKeyID().equals(key.getKeyID())) {
                    continue;
                }
                if (com.nimbusds.jose.JWSAlgorithm.ES384.equals(alg) && key instanceof com.nimbusds.jose.jwk.ECKey ec
                        && jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(ec))) {
                    return true;
                }
                if (com.nimbusds.jose.JWSAlgorithm.RS384.equals(alg) && key instanceof com.nimbusds.jose.jwk.RSAKey rsa
                        && jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(rsa))) {
                    return true;
                }
            }
        } catch (com.nimbusds.jose.JOSEException e) {
            return false;
        }
        return false;
    }

    /** Grants issued to {@code clientId}, for the token log. */
    public java.util.List<Grant> grantsOf(String clientId) {
        return tokens.values().stream().filter(g -> clientId.equals(g.clientId())).toList();
    }

    /**
     * The live grant of {@code accessToken}, counting its use and logging {@code request} (what was
     * asked, and the patients it names); empty for unknown or expired tokens.
     */
    public Optional<Grant> use(String accessToken, String request) {
        Grant grant = tokens.get(accessToken);
        if (grant == null || grant.until().isBefore(clock.instant())) {
            return Optional.empty();
        }
        grant.uses().incrementAndGet();
        grant.log(request);
        return Optional.of(grant);
    }

    /** The live grant of {@code accessToken} without counting a use; empty for unknown or expired tokens. */
    public Optional<Grant> peek(String accessToken) {
        Grant grant = accessToken == null ? null : tokens.get(accessToken);
        return grant == null || grant.until().isBefore(clock.instant()) ? Optional.empty() : Optional.of(grant);
    }

    /**
     * How many FHIR requests came with {@code accessToken} (0 for unknown tokens): the sandbox FHIR
     * server's token log, counted as it checks each request's token.
     */
    public int uses(String accessToken) {
        Grant grant = tokens.get(accessToken);
        return grant == null ? 0 : grant.uses().get();
    }

    /** Grants issued to apps through the authorisation endpoint, newest last. */
    public java.util.List<Grant> grantsFor(String patient) {
        return tokens.values().stream().filter(g -> patient.equals(g.patient())).toList();
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String secret(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** A launch context: its patient, the signed-in clinician, its group (null when none) and expiry. */
    record Launch(String patient, String practitioner, String group, Instant until) {
    }

    record Backend(com.nimbusds.jose.jwk.JWKSet keys, Set<String> scopes) {
    }

    record Code(String clientId, String redirect, String challenge, String scope, Launch launch, Instant until) {
    }

    /**
     * An access token and what it allows: its patient (null for user-level and system tokens), its
     * scopes, the client it was issued to and the user ({@code fhirUser}, null when none), whether its
     * user scopes reach only the patients the user cares for ({@link CareRelationships}); with the
     * log of the requests made with it (the newest {@value #LOGGED_REQUESTS}), so a test can tell
     * whose authority a request carried.
     */
    public record Grant(String accessToken, String patient, String scope, Instant until, AtomicInteger uses,
            String clientId, String fhirUser, boolean careRelationship, java.util.Deque<String> requests) {

        static final int LOGGED_REQUESTS = 500;

        Grant(String accessToken, String patient, String scope, Instant until, AtomicInteger uses,
                String clientId, String fhirUser) {
            this(accessToken, patient, scope, until, uses, clientId, fhirUser, false);
        }

        Grant(String accessToken, String patient, String scope, Instant until, AtomicInteger uses,
                String clientId, String fhirUser, boolean careRelationship) {
            this(accessToken, patient, scope, until, uses, clientId, fhirUser, careRelationship,
                    new java.util.concurrent.ConcurrentLinkedDeque<>());
        }

        void log(String request) {
            requests.addLast(request);
            while (requests.size() > LOGGED_REQUESTS) {
                requests.pollFirst();
            }
        }
    }

    /** A redirect back to the app, or a refusal shown by the EHR itself. */
    public record Authorization(Optional<URI> location, String refusal) {

        static Authorization redirect(String redirectUri, Map<String, String> parameters) {
            StringBuilder query = new StringBuilder();
            parameters.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&")
                    .append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return new Authorization(Optional.of(URI.create(redirectUri + "?" + query)), "");
        }

        static Authorization refused(String why) {
            return new Authorization(Optional.empty(), why);
        }
    }

    /** The token endpoint's status and JSON body. */
    public record TokenAnswer(int status, Map<String, Object> body) {

        static TokenAnswer error(String error) {
            return new TokenAnswer(400, Map.of("error", error));
        }
    }
}
