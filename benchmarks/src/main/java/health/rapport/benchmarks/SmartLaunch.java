package health.rapport.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A clinician's SMART EHR launch of the panel, done over HTTP the way the panel's browser code
 * does it (sandbox EHR launch, Rapport's discovery relay, authorisation with PKCE S256, token
 * through Rapport), so the load generator can measure the panel's endpoints with a real token.
 */
final class SmartLaunch {

    record Session(String patient, String accessToken) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SmartLaunch() {
    }

    /** Launches the panel for {@code patient} (or the record's first patient when null). */
    static Session launch(HttpClient http, String ehr, String rapport, String patient) throws Exception {
        return launch(http, ehr + "launch?patient=" + (patient == null ? firstPatient(http, ehr) : patient), rapport,
                "scope", "index.html");
    }

    /** Launches the caseload of {@code practitioner} (an id): the EHR's launch without a patient. */
    static Session launchCaseload(HttpClient http, String ehr, String rapport, String practitioner) throws Exception {
        return launch(http, ehr + "launch?practitioner=" + practitioner, rapport, "caseloadScope", "caseload.html");
    }

    private static Session launch(HttpClient http, String ehrLaunch, String rapport, String scopeField, String page)
            throws Exception {
        HttpResponse<String> launch = send(http, HttpRequest.newBuilder(URI.create(ehrLaunch)).GET().build(), 302);
        Map<String, String> launchQuery = query(launch.headers().firstValue("Location").orElseThrow());
        String iss = launchQuery.get("iss");
        JsonNode config = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(rapport
                + "/app/api/smart/authorize?iss=" + enc(iss))).GET().build(), 200).body());
        String verifier = random(64);
        String redirect = rapport + "/app/" + page;
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", config.path("clientId").asText());
        parameters.put("redirect_uri", redirect);
        parameters.put("launch", launchQuery.get("launch"));
        parameters.put("scope", config.path(scopeField).asText());
        parameters.put("state", random(32));
        parameters.put("aud", config.path("aud").asText());
        parameters.put("code_challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII))));
        parameters.put("code_challenge_method", "S256");
        HttpResponse<String> authorised = send(http, HttpRequest.newBuilder(URI.create(config.path("authorizationEndpoint")
                .asText() + "?" + parameters.entrySet().stream().map(e -> e.getKey() + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&")))).GET().build(), 302);
        String code = query(authorised.headers().firstValue("Location").orElseThrow()).get("code");
        String body = JSON.createObjectNode().put("iss", iss).put("code", code).put("codeVerifier", verifier)
                .put("redirectUri", redirect).toString();
        JsonNode token = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(rapport + "/app/api/smart/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                200).body());
        return new Session(token.path("patient").asText(), token.path("access_token").asText());
    }

    private static String firstPatient(HttpClient http, String ehr) throws Exception {
        String fhir = ehr.replaceAll("/ehr/?$", "/fhir");
        JsonNode bundle = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(fhir
                + "/Patient?_count=1&_elements=id")).GET().build(), 200).body());
        return bundle.path("entry").path(0).path("resource").path("id").asText();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + " during the SMART launch: " + response.body());
        }
        return response;
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
