package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fuzz targets' committed corpora (the plugin's {@code *FuzzTestInputs}: seeds and the inputs of fixed
 * findings) sent through the real host, with the sandbox clinician's token, to every endpoint whose input
 * handling they fuzz: no answer is a 5xx, and every 4xx of a FHIR endpoint is an OperationOutcome in plain words.
 */
@ExtendWith(SandboxExtension.class)
class FuzzCorpusTest {

    private static final Path INPUTS = Path.of("..", "plugin", "src", "test", "resources", "health", "rapport", "plugin");

    @Test
    void everyOperationAnswersEveryCorpusBodyWithoutA5xx(Sandbox sandbox) {
        String patient = new Ehr(sandbox).newPatient();
        List<String> operations = List.of("/fhir/Patient/" + patient + "/$ipt-enroll",
                "/fhir/PlanDefinition/ipt-acute-course/$apply", "/fhir/CarePlan/no-such-plan/$ipt-advance",
                "/fhir/CarePlan/no-such-plan/$ipt-adapt", "/fhir/QuestionnaireResponse/no-such-response/$ipt-process",
                "/fhir/Questionnaire/$populate", "/fhir/QuestionnaireResponse/$extract",
                "/fhir/CarePlan/no-such-plan/$ipt-record-session");
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Path seed : seeds("operations/OperationInputFuzzTestInputs/operationBody")) {
            for (String operation : operations) {
                check(post(sandbox.rapportUrl() + operation, seed), seed, failures, sandbox);
                sent++;
            }
        }
        for (Path seed : seeds("exchange/imports/ImportDocumentFuzzTestInputs/importDocument")) {
            check(post(sandbox.rapportUrl() + "/fhir/$ipt-import", seed), seed, failures, sandbox);
            sent++;
        }
        assertThat(sent).isGreaterThan(300);
        assertThat(failures).isEmpty();
    }

    @Test
    void patientViewAnswersEveryCorpusBodyWithoutA5xx(Sandbox sandbox) {
        List<String> failures = new ArrayList<>();
        try (CdsCalls cds = new CdsCalls(sandbox)) {
            for (Path seed : seeds("cds/HookRequestFuzzTestInputs/patientView")) {
                HttpResponse<String> answer = cds.post(read(seed));
                if (answer.statusCode() >= 500 || (answer.statusCode() != 200 && answer.statusCode() != 400)) {
                    failures.add(seed.getFileName() + ": " + answer.statusCode() + " " + answer.body());
                } else {
                    JsonNode body = Json.parse(answer.body());
                    if (answer.statusCode() == 200 ? !body.path("cards").isArray()
                            : !body.path("error").isTextual() && !"OperationOutcome".equals(body.path("resourceType").asText())) {
                        failures.add(seed.getFileName() + ": " + answer.statusCode() + " " + answer.body());
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static void check(HttpResponse<String> answer, Path seed, List<String> failures, Sandbox sandbox) {
        int status = answer.statusCode();
        String what = seed.getFileName() + " to " + answer.uri().getPath() + ": " + status + " " + answer.body();
        if (status >= 500) {
            failures.add(what);
            return;
        }
        if (status >= 400) {
            try {
                OperationOutcome outcome = Fhir.parse(OperationOutcome.class, answer.body());
                if (outcome.getIssueFirstRep().getSeverity() != OperationOutcome.IssueSeverity.ERROR) {
                    failures.add(what);
                }
                HostileInputTest.assertClean(answer.body(), sandbox);
            } catch (RuntimeException | AssertionError e) {
                failures.add(what + " (" + e.getMessage() + ")");
            }
        }
    }

    private static HttpResponse<String> post(String url, Path seed) {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(read(seed))).build());
    }

    private static List<Path> seeds(String folder) {
        try (Stream<Path> files = Files.list(INPUTS.resolve(folder))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path seed) {
        try {
            return Files.readAllBytes(seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
