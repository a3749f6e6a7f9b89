package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The foreign-chart corpus through the real host, on HAPI FHIR JPA with its shipped search cache.
 * Each case is enrolled and written for a patient of its own; then the CDS service reads the chart
 * itself from the FHIR server (no prefetch, pages followed) and must answer 200 with the card of the
 * expected item-9 state, and the exported care summary must state the same. The browser suite checks
 * the panel's banner on the same cases ({@link SafetyBannerTest}).
 */
@ExtendWith(SandboxExtension.class)
class ForeignChartCorpusTest {

    private static CdsCalls cds;

    @BeforeAll
    static void trustTheTestEhr(Sandbox sandbox) {
        cds = new CdsCalls(sandbox);
    }

    @AfterAll
    static void restore() {
        cds.close();
    }

    static List<String> cases() {
        return SafetyCorpus.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCardAndTheExportGiveTheExpectedState(String name, Sandbox sandbox) {
        String status = SafetyCorpus.expected(name).path("status").asText();
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        SafetyCorpus.load(ehr, name, patient);

        JsonNode cards = cds.patientView(patient);
        JsonNode safety = null;
        for (JsonNode card : cards) {
            if (card.path("summary").asText().contains("item 9")) {
                safety = card;
            }
        }
        switch (status) {
            case "positive" -> assertCard(cards, safety, "critical", "positive");
            case "could-not-check" -> assertCard(cards, safety, "critical", "could not be checked");
            case "not-answered" -> assertCard(cards, safety, "warning", "unanswered");
            case "reviewed" -> assertCard(cards, safety, "info", "risk assessed by");
            default -> assertThat(safety).as(cards.toString()).isNull();
        }

        HttpResponse<String> export = ehr.get("Patient/" + patient + "/$ipt-export");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        Composition summary = (Composition) Fhir.parse(Bundle.class, export.body()).getEntryFirstRep().getResource();
        Composition.SectionComponent section = summary.getSection().stream()
                .filter(s -> s.getTitle().startsWith("Safety")).findFirst().orElseThrow();
        String words = section.getText().getDivAsString();
        if (safety != null) {
            assertThat(words).as("the export states what the card says").contains(
                    safety.path("summary").asText().replace("&", "&amp;").substring(0, 30));
        } else {
            assertThat(words).containsAnyOf("PHQ-9 item 9: 0", "No PHQ-9 item 9 answer on record");
        }
    }

    private static void assertCard(JsonNode cards, JsonNode safety, String indicator, String words) {
        assertThat(safety).as(cards.toString()).isNotNull();
        assertThat(safety.path("indicator").asText()).isEqualTo(indicator);
        assertThat(safety.path("summary").asText()).contains(words);
        if ("critical".equals(indicator)) {
            assertThat(cards.get(0)).as("the critical card comes first").isEqualTo(safety);
        }
    }
}
