package health.rapport.sandbox.ehr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Calls Rapport's {@code patient-view} CDS service as an EHR does: a JWT signed with the
 * sandbox's ES384 key, the FHIR server with a short-lived token for that patient, no prefetch.
 */
final class CdsClient {

    static final String SERVICE = "/cds-services/rapport-ipt";

    private final SandboxEhr ehr;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    CdsClient(SandboxEhr ehr) {
        this.ehr = ehr;
    }

    /** The cards for {@code patient}; an {@link IOException} says in words why there are none. */
    JsonNode patientView(String patient) throws IOException {
        String url = ehr.rapportUrl() + SERVICE;
        SmartAuthorizer.Grant grant = ehr.authorizer().issue(patient, "patient/*.rs", Duration.ofMinutes(5));
        ObjectNode body = json.createObjectNode();
        body.put("hook", "patient-view").put("hookInstance", UUID.randomUUID().toString());
        body.put("fhirServer", ehr.fhirBase());
        body.putObject("fhirAuthorization").put("access_token", grant.accessToken()).put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", grant.scope()).put("subject", "sandbox-ehr").put("patient", patient);
        body.putObject("context").put("patientId", patient).put("userId", SandboxEhr.PRACTITIONER);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Bearer " + jwt(url))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new IOException("Rapport's CDS service answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body()).path("cards");
    }

    private String jwt(String audience) {
        Instant now = Instant.now();
        return ehr.sign(new JWTClaimsSet.Builder().issuer(ehr.issuer()).subject("sandbox-ehr")
                .audience(audience).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString()).build());
    }
}
