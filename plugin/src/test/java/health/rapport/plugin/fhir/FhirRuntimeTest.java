package health.rapport.plugin.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Medication;
import org.junit.jupiter.api.Test;

/** The model is scanned for Rapport's own types at start; any other type still parses when it comes. */
class FhirRuntimeTest {

    private final FhirRuntime runtime = new FhirRuntime();

    @Test
    void theTypesScannedAtStartAreR4ResourceTypes() {
        assertThat(runtime.context().getResourceTypes()).containsAll(FhirRuntime.USED_TYPES);
    }

    @Test
    void aTypeRapportDoesNotUseIsStillReadFromAForeignChart() {
        Bundle bundle = runtime.jsonParser().parseResource(Bundle.class, """
                {"resourceType":"Bundle","type":"searchset","entry":[{"resource":
                  {"resourceType":"Medication","id":"m1","code":{"text":"sertraline 50 mg"}}}]}
                """);
        assertThat(bundle.getEntryFirstRep().getResource()).isInstanceOfSatisfying(Medication.class,
                m -> assertThat(m.getCode().getText()).isEqualTo("sertraline 50 mg"));
    }
}
