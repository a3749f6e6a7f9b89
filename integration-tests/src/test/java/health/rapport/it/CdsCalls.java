package health.rapport.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.rapport.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Calls Rapport's CDS Hooks service as an EHR does: a signed JWT from a {@link TestIssuer},
 * the patient-view request without prefetch, the FHIR server named in the request.
 */
final class CdsCalls implements AutoCloseable {

    static final String PID = "health.rapport.cds";
    static final String ELIGIBLE = "urn:example:it-diagnoses|eligible";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sandbox sandbox;
    private final TestIssuer issuer = new TestIssuer();
    private final String service;

    /** Configures the CDS service to trust this caller and the sandbox's FHIR server. */
    CdsCalls(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.service = sandbox.rapportUrl() + "/cds-services/rapport-ipt";
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("trustedIssuers", new String[] {issuer.configEntry()});
        config.put("fhirServers", new String[] {sandbox.fhirBaseUrl()});
        config.put("allowHttp", true);
        config.put("serviceBaseUrl", sandbox.rapportUrl() + "/cds-services");
        config.put("eligibilityCodes", new String[] {ELIGIBLE});
        sandbox.osgiHost().configure(PID, config);
        Http.getUntil(sandbox.rapportUrl() + "/cds-services", r -> r.body().contains("eligibleConditions"),
                Duration.ofSeconds(30));
    }

    /** The cards of patient-view for {@code patient}, fetched by Rapport from the FHIR server. */
    JsonNode patientView(String patient) {
        ObjectNode root = JSON.createObjectNode();
        root.put("hook", "patient-view").put("hookInstance", UUID.randomUUID().toString());
        root.put("fhirServer", sandbox.fhirBaseUrl());
        root.putObject("fhirAuthorization").put("access_token", sandbox.fhirServer().ehr().authorizer()
                        .issue(patient, "patient/*.rs", Duration.ofMinutes(5)).accessToken()).put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "it-ehr");
        root.putObject("context").put("patientId", patient).put("userId", "Practitioner/it");
        HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(URI.create(service))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + issuer.sign(TestIssuer.claims(service).build()))
                .POST(HttpRequest.BodyPublishers.ofString(root.toString())).build());
        if (answer.statusCode() != 200) {
            throw new AssertionError("patient-view answered " + answer.statusCode() + ": " + answer.body());
        }
        return Json.parse(answer.body()).path("cards");
    }

    /** POSTs {@code body} as it is to the service, with a fresh caller JWT. */
    HttpResponse<String> post(byte[] body) {
        return Http.send(HttpRequest.newBuilder(URI.create(service))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + issuer.sign(TestIssuer.claims(service).build()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Gives the CDS service the sandbox's own configuration back and stops the issuer. */
    @Override
    public void close() {
        try {
            sandbox.osgiHost().configure(PID, sandbox.cdsConfiguration());
        } finally {
            issuer.close();
        }
    }
}
