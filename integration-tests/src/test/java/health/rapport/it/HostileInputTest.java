package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What Rapport does with hostile or broken requests at its door, through the real host: bodies
 * too large or too deep are refused before any endpoint reads them, and every error answer is an
 * OperationOutcome in plain words with a correlation id — no class name, HAPI code or internal URL.
 */
@ExtendWith(SandboxExtension.class)
class HostileInputTest {

    private static final int LIMIT = 5 * 1024 * 1024;

    @Test
    void aBodyOverTheLimitIsA413OnEveryEndpointDeclaredOrChunked(Sandbox sandbox) {
        byte[] huge = ("{\"resourceType\":\"Bundle\",\"type\":\"document\",\"x\":\"" + "a".repeat(LIMIT) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        for (String path : new String[] {"/fhir/$ipt-import", "/fhir/Patient/1/$ipt-enroll", "/cds-services/rapport-ipt",
            "/notify", "/app/api/forms/phq-9?patient=1"}) {
            HttpResponse<String> declared = Http.send(post(sandbox.rapportUrl() + path,
                    HttpRequest.BodyPublishers.ofByteArray(huge)));
            assertRefused(declared, 413, "body-too-large", sandbox);
            // No Content-Length: the body is read up to the limit, then refused.
            HttpResponse<String> chunked = Http.send(post(sandbox.rapportUrl() + path,
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));
            assertRefused(chunked, 413, "body-too-large", sandbox);
        }
    }

    @Test
    void jsonNestedTooDeeplyIsA400BeforeAnyParserRecurses(Sandbox sandbox) {
        String deep = "{\"resourceType\":\"Parameters\",\"parameter\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        for (String path : new String[] {"/fhir/Patient/1/$ipt-enroll", "/cds-services/rapport-ipt"}) {
            HttpResponse<String> answer = Http.send(post(sandbox.rapportUrl() + path,
                    HttpRequest.BodyPublishers.ofString(deep)));
            assertRefused(answer, 400, "invalid-request", sandbox);
        }
    }

    @Test
    void brokenRequestsGetPlainWordsAndTheirOwnStatus(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        // Not FHIR at all, to an operation.
        assertRefused(Http.send(post(sandbox.rapportUrl() + "/fhir/Patient/" + ehr.newPatient() + "/$ipt-enroll",
                HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"NoSuchType\",\"x\":"))), 400, "invalid-request",
                sandbox);
        // A patient the EHR does not have: the FHIR server's 404 stays a 404.
        HttpResponse<String> missing = ehr.operation("Patient/no-such-patient-" + System.nanoTime() + "/$ipt-enroll",
                new Parameters().addParameter("sessions", 12));
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
        assertClean(missing.body(), sandbox);
        // Nothing at this address in Rapport's context, and a method a servlet does not serve.
        assertRefused(Http.send(HttpRequest.newBuilder(URI.create(sandbox.rapportUrl() + "/no-such-thing")).GET().build()),
                404, "not-found", sandbox);
        assertRefused(Http.send(HttpRequest.newBuilder(URI.create(sandbox.rapportUrl() + "/health"))
                .DELETE().build()), 405, "method-not-allowed", sandbox);
        // A malformed parameter of a known operation.
        assertRefused(ehr.operation("Patient/" + ehr.newPatient() + "/$ipt-enroll",
                new Parameters().addParameter("practitioner", new StringType("not a reference!"))), 400, null, sandbox);
    }

    private static HttpRequest post(String url, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .POST(body).build();
    }

    private static void assertRefused(HttpResponse<String> answer, int status, String rapportIssue, Sandbox sandbox) {
        assertThat(answer.statusCode()).as(answer.uri() + " " + answer.body()).isEqualTo(status);
        OperationOutcome outcome = Fhir.parse(OperationOutcome.class, answer.body());
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        if (rapportIssue != null) {
            assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).as(answer.body())
                    .isEqualTo(rapportIssue);
        }
        assertThat(answer.headers().firstValue("X-Correlation-Id")).as(answer.uri().toString()).isPresent();
        assertClean(answer.body(), sandbox);
    }

    /** An error body names no Java class, HAPI code, stack frame or internal address. */
    static void assertClean(String body, Sandbox sandbox) {
        assertThat(body).doesNotContain("HAPI-", "java.", "ca.uhn", "health.rapport.plugin", "Exception", "\tat ",
                sandbox.fhirBaseUrl(), "localhost:", "127.0.0.1");
    }
}
