package health.rapport.plugin.cds;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Set;

/**
 * {@code patient-view} on hostile bodies, from the request parser through prefetch reading, the item-9 safety
 * check and every card rule to the JSON the servlet writes: each body is answered 200 with cards or 400
 * ({@link InvalidHookRequestException}). Any exception, or any other status, is a finding. No FHIR server is
 * named (an empty allowlist), so the run is prefetch-only. Seeds: {@code HookRequestFuzzTestInputs/patientView/}.
 */
class HookRequestFuzzTest {

    private static final Set<String> ELIGIBLE = Set.of("urn:example:site-diagnoses|MDD");
    private static final PatientViewProcessor PROCESSOR = CdsFixtures.processor(ELIGIBLE);


    @FuzzTest(maxDuration = "4s")
    void patientView(byte[] body) throws JsonProcessingException {
        CdsAnswer answer = PROCESSOR.handle(body, "https://rapport.example.org/rapport/cds-services");
        if (answer.status() != 200 && answer.status() != 400) {
            throw new AssertionError("patient-view answered " + answer.status());
        }
        CdsFixtures.JSON.writeValueAsBytes(answer.body());
    }
}
