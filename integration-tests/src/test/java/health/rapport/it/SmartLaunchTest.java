package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.ehr.SmartAuthorizer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SMART App Launch 2.2 (EHR launch, public client, PKCE S256) between the sandbox EHR's
 * authorisation server and Rapport, over HTTP exactly as the panel's browser code does it; and
 * what Rapport does with the clinician's token: it goes to the configured FHIR server, which
 * decides; a refused token is a 401, never Rapport's own credentials instead.
 */
@ExtendWith(SandboxExtension.class)
class SmartLaunchTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aLaunchEndsWithTheClinicianTokenWhichRapportForwardsToTheFhirServer(Sandbox sandbox) throws Exception {
        String patient = new Ehr(sandbox).newPatient();
        Launched launched = launch(sandbox, patient, verifier());

        assertThat(launched.token().path("patient").asText()).isEqualTo(patient);
        assertThat(launched.token().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(launched.token().has("refresh_token")).isFalse();
        String token = launched.token().path("access_token").asText();
        SmartAuthorizer authorizer = sandbox.fhirServer().ehr().authorizer();
        int before = authorizer.uses(token);

        HttpResponse<String> chart = send(get(sandbox.rapportUrl() + "/app/api/chart?patient=" + patient)
                .header("Authorization", "Bearer " + token));
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(Json.parse(chart.body()).path("patient").path("id").asText()).isEqualTo(patient);
        assertThat(authorizer.uses(token) - before).as("FHIR requests made with the clinician's token").isPositive();

        // Writes go with it too: enrolment through Rapport's operation, as this clinician, who is
        // named by the EHR's id_token (verified by Rapport) and becomes the agent of the Provenance.
        String idToken = launched.token().path("id_token").asText();
        assertThat(idToken).isNotEmpty();
        int beforeEnrol = authorizer.uses(token);
        HttpResponse<String> enrol = send(enrol(sandbox, patient, token).header("X-Rapport-Identity", idToken));
        assertThat(enrol.statusCode()).as(enrol.body()).isBetween(200, 201);
        assertThat(authorizer.uses(token) - beforeEnrol).isPositive();
        String plan = Fhir.parse(org.hl7.fhir.r4.model.CarePlan.class, enrol.body()).getIdElement().getIdPart();
        assertThat(new Ehr(sandbox).all("Provenance?target=CarePlan/" + plan, org.hl7.fhir.r4.model.Provenance.class))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.getAgent()).anySatisfy(a -> assertThat(a.getWho().getReference())
                        .isEqualTo(health.rapport.sandbox.ehr.SandboxEhr.PRACTITIONER)));
    }

    @Test
    void aForgedIdentityIsA401AndNothingIsWritten(Sandbox sandbox) throws Exception {
        String patient = new Ehr(sandbox).newPatient();
        Launched launched = launch(sandbox, patient, verifier());
        String token = launched.token().path("access_token").asText();
        String[] parts = launched.token().path("id_token").asText().split("\\.");
        String otherUser = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(
                Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("sandbox-clinician", "someone-else").getBytes(StandardCharsets.UTF_8));
        for (String forged : new String[] {parts[0] + "." + otherUser + "." + parts[2], "not-a-jwt", parts[0] + "." + parts[1] + "."}) {
            HttpResponse<String> refused = send(enrol(sandbox, patient, token).header("X-Rapport-Identity", forged));
            assertThat(refused.statusCode()).as(forged).isEqualTo(401);
            assertThat(refused.body()).contains("OperationOutcome");
        }
        assertThat(new Ehr(sandbox).count("CarePlan?subject=Patient/" + patient)).isZero();
    }

    private static HttpRequest.Builder enrol(Sandbox sandbox, String patient, String token) {
        return HttpRequest.newBuilder(URI.create(sandbox.rapportUrl() + "/fhir/Patient/" + patient + "/$ipt-enroll"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\"}"));
    }

    @Test
    void aRefusedTokenIsA401AndNothingIsWritten(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        HttpResponse<String> chart = send(get(sandbox.rapportUrl() + "/app/api/chart?patient=" + patient)
                .header("Authorization", "Bearer not-a-token-of-this-ehr"));
        assertThat(chart.statusCode()).isEqualTo(401);
        assertThat(chart.body()).contains("Open the panel again");

        HttpResponse<String> enrol = send(HttpRequest.newBuilder(URI.create(sandbox.rapportUrl() + "/fhir/Patient/"
                + patient + "/$ipt-enroll")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer not-a-token-of-this-ehr").header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\"}")));
        assertThat(enrol.statusCode()).isEqualTo(401);
        assertThat(enrol.body()).contains("OperationOutcome");
        assertThat(ehr.count("CarePlan?subject=Patient/" + patient)).isZero();

        HttpResponse<String> malformed = send(get(sandbox.rapportUrl() + "/app/api/chart?patient=" + patient)
                .header("Authorization", "Bearer two words"));
        assertThat(malformed.statusCode()).isEqualTo(401);
    }

    @Test
    void codesAreSingleUseAndBoundToTheVerifier(Sandbox sandbox) throws Exception {
        String patient = new Ehr(sandbox).newPatient();
        String verifier = verifier();
        Authorised first = authorise(sandbox, patient, verifier, "S256");
        assertThat(exchange(sandbox, first.code(), verifier).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = exchange(sandbox, first.code(), verifier);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("invalid_grant").doesNotContain("access_token");

        Authorised second = authorise(sandbox, patient, verifier, "S256");
        HttpResponse<String> wrongVerifier = exchange(sandbox, second.code(), verifier());
        assertThat(wrongVerifier.statusCode()).isEqualTo(401);
    }

    @Test
    void launchStepsRefuseOtherServersAndBadRequests(Sandbox sandbox) throws Exception {
        HttpResponse<String> otherIss = send(get(sandbox.rapportUrl() + "/app/api/smart/authorize?iss="
                + enc("https://evil.example/fhir")));
        assertThat(otherIss.statusCode()).isEqualTo(400);
        assertThat(otherIss.body()).contains("other than the one Rapport is configured for");

        HttpResponse<String> badVerifier = send(post(sandbox.rapportUrl() + "/app/api/smart/token",
                "{\"iss\":\"" + sandbox.fhirBaseUrl() + "\",\"code\":\"x\",\"codeVerifier\":\"short\",\"redirectUri\":\""
                        + sandbox.rapportUrl() + "/app/index.html\"}"));
        assertThat(badVerifier.statusCode()).isEqualTo(400);
        HttpResponse<String> otherRedirect = send(post(sandbox.rapportUrl() + "/app/api/smart/token",
                "{\"iss\":\"" + sandbox.fhirBaseUrl() + "\",\"code\":\"x\",\"codeVerifier\":\"" + verifier()
                        + "\",\"redirectUri\":\"https://evil.example/steal\"}"));
        assertThat(otherRedirect.statusCode()).isEqualTo(400);
        assertThat(send(post(sandbox.rapportUrl() + "/app/api/smart/token", "not json")).statusCode()).isEqualTo(400);

        // The EHR's own checks: PKCE without S256 is sent back as an error, not a code.
        String patient = new Ehr(sandbox).newPatient();
        Authorised plain = authorise(sandbox, patient, verifier(), "plain");
        assertThat(plain.code()).isNull();
        assertThat(plain.query()).containsEntry("error", "invalid_request");

        HttpResponse<String> launchPage = send(get(sandbox.rapportUrl() + "/app/launch?iss=" + enc(sandbox.fhirBaseUrl())
                + "&launch=abc"));
        assertThat(launchPage.statusCode()).isEqualTo(302);
        assertThat(launchPage.headers().firstValue("Location").orElseThrow()).contains("/app/launch.html?iss=");
    }

    // ---- the panel's steps, in Java

    record Authorised(String code, Map<String, String> query) {
    }

    record Launched(JsonNode token) {
    }

    private static Launched launch(Sandbox sandbox, String patient, String verifier) throws Exception {
        Authorised authorised = authorise(sandbox, patient, verifier, "S256");
        HttpResponse<String> token = exchange(sandbox, authorised.code(), verifier);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(token.headers().firstValue("Cache-Control")).hasValue("no-store");
        return new Launched(Json.parse(token.body()));
    }

    private static Authorised authorise(Sandbox sandbox, String patient, String verifier, String method) throws Exception {
        HttpResponse<String> ehrLaunch = send(get(sandbox.ehrUrl() + "launch?patient=" + patient));
        assertThat(ehrLaunch.statusCode()).isEqualTo(302);
        Map<String, String> launchQuery = query(ehrLaunch.headers().firstValue("Location").orElseThrow());
        assertThat(launchQuery.get("iss")).isEqualTo(sandbox.fhirBaseUrl());

        JsonNode config = Json.parse(send(get(sandbox.rapportUrl() + "/app/api/smart/authorize?iss="
                + enc(launchQuery.get("iss")))).body());
        String state = random(32);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", config.path("clientId").asText());
        parameters.put("redirect_uri", sandbox.rapportUrl() + "/app/index.html");
        parameters.put("launch", launchQuery.get("launch"));
        parameters.put("scope", config.path("scope").asText());
        parameters.put("state", state);
        parameters.put("aud", config.path("aud").asText());
        parameters.put("code_challenge", "S256".equals(method) ? s256(verifier) : verifier.substring(0, 43));
        parameters.put("code_challenge_method", method);
        String url = config.path("authorizationEndpoint").asText() + "?" + parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpResponse<String> answer = send(get(url));
        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(sandbox.rapportUrl() + "/app/index.html?");
        Map<String, String> back = query(location);
        assertThat(back.get("state")).isEqualTo(state);
        return new Authorised(back.get("code"), back);
    }

    private static HttpResponse<String> exchange(Sandbox sandbox, String code, String verifier) {
        return send(post(sandbox.rapportUrl() + "/app/api/smart/token", "{\"iss\":\"" + sandbox.fhirBaseUrl()
                + "\",\"code\":\"" + code + "\",\"codeVerifier\":\"" + verifier + "\",\"redirectUri\":\""
                + sandbox.rapportUrl() + "/app/index.html\"}"));
    }

    private static Map<String, String> query(String url) {
        String query = URI.create(url).getRawQuery();
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String verifier() {
        return random(64);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    }

    private static HttpRequest.Builder post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return Http.send(request.build());
    }
}
