package health.rapport.plugin.panel.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.rapport.plugin.fhir.FhirIds;
import health.rapport.plugin.http.OperationFailure;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Trades an authorisation code for the clinician's token at the EHR's token endpoint (public
 * client with PKCE: Rapport holds no client secret and keeps nothing). The answer handed to the
 * panel carries only what it needs (the id_token too: the panel sends it back so that Rapport
 * knows who writes; {@code group}, the id of the Group a launch for a group names in its
 * {@code fhirContext}, see {@link LaunchContext}); a refresh token is dropped, so a session ends
 * with its token.
 */
public final class SmartTokenExchange {

    private static final List<String> PASSED_ON = List.of("access_token", "token_type", "expires_in", "scope",
            "patient", "encounter", "need_patient_banner", "id_token");

    private final SmartHttp http;
    private final ObjectMapper json = new ObjectMapper();

    SmartTokenExchange(SmartHttp http) {
        this.http = http;
    }

    public Map<String, Object> exchange(SmartEndpoints endpoints, TokenRequest request, String clientId) {
        String form = form(Map.of("grant_type", "authorization_code", "code", request.code(),
                "redirect_uri", request.redirectUri(), "client_id", clientId, "code_verifier", request.codeVerifier()));
        SmartHttp.Answer answer = http.send(HttpRequest.newBuilder(endpoints.token()).timeout(SmartHttp.TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), "token endpoint");
        JsonNode body = parse(answer.body());
        if (answer.status() != 200) {
            String error = body.path("error").asText("");
            // The code is single-use and short-lived: the usual cause is a reload or a slow return.
            throw new OperationFailure(401, "The EHR did not grant access" + (error.isEmpty() ? "" : " (" + error + ")")
                    + ". Open the panel again from the patient's chart.");
        }
        if (!"bearer".equalsIgnoreCase(body.path("token_type").asText(""))
                || body.path("access_token").asText("").isEmpty()) {
            throw new OperationFailure(502, "The EHR's token endpoint answered without a bearer access token.");
        }
        // No patient is a launch for the caseload or a group (user-level); a patient that is not an id is a broken answer.
        JsonNode patient = body.get("patient");
        if (patient != null && !patient.isNull() && !FhirIds.valid(patient.asText(""))) {
            throw new OperationFailure(502, "The EHR gave a patient context that is not a FHIR id; open the panel from "
                    + "the patient's chart again.");
        }
        Optional<String> group = LaunchContext.group(body.get("fhirContext"));
        Map<String, Object> out = new LinkedHashMap<>();
        group.ifPresent(id -> out.put("group", id));
        for (String field : PASSED_ON) {
            JsonNode value = body.get(field);
            if (value != null && value.isValueNode()) {
                out.put(field, value.isNumber() ? value.numberValue() : value.isBoolean() ? value.booleanValue()
                        : value.asText());
            }
        }
        return out;
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new OperationFailure(502, "The EHR's token endpoint did not answer in JSON.");
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
