package health.rapport.plugin.cds;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import health.rapport.plugin.measures.TreatmentResponseEvaluator;
import health.rapport.plugin.safety.SafetyRule;
import health.rapport.plugin.security.FhirServerAllowlist;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * {@code patient-view} on hostile bodies, from the request parser through prefetch reading, the item-9 safety
 * check and every card rule to the JSON the servlet writes: each body is answered 200 with cards or 400
 * ({@link InvalidHookRequestException}). Any exception, or any other status, is a finding. No FHIR server is
 * named (an empty allowlist), so the run is prefetch-only. Seeds: {@code HookRequestFuzzTestInputs/patientView/}.
 */
class HookRequestFuzzTest {

    private static final Set<String> ELIGIBLE = Set.of("urn:example:site-diagnoses|MDD");
    private static final PatientViewProcessor PROCESSOR = processor();

    private static PatientViewProcessor processor() {
        CardSettings settings = new CardSettings("", "https://intranet.example.org/suicide-risk");
        List<PrefetchQuery> eligibility = PrefetchQuery.eligibility(List.copyOf(ELIGIBLE), "");
        CardEngine engine = new CardEngine(List.of(new CourseStatusCardRule(), new MeasuresDueCardRule(),
                new NonResponseCardRule(new TreatmentResponseEvaluator(6)), new EnrolmentCardRule(eligibility, ELIGIBLE)));
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        return new PatientViewProcessor(new HookRequestParser(CdsFixtures.JSON), FhirServerAllowlist.of(new String[0], false),
                new ChartLoader(CdsFixtures.FHIR::newJsonParser, new FhirServerClient(http, Duration.ofSeconds(1))),
                new SafetySignals(new SafetyRule(Duration.ofDays(30))), new SafetyCard(settings), settings, engine,
                Clock.fixed(Instant.parse("2026-02-21T00:00:00Z"), ZoneOffset.UTC));
    }

    @FuzzTest(maxDuration = "4s")
    void patientView(byte[] body) throws JsonProcessingException {
        CdsAnswer answer = PROCESSOR.handle(body, "https://rapport.example.org/rapport/cds-services");
        if (answer.status() != 200 && answer.status() != 400) {
            throw new AssertionError("patient-view answered " + answer.status());
        }
        CdsFixtures.JSON.writeValueAsBytes(answer.body());
    }
}
