package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.seed.SeedPatient;
import health.rapport.sandbox.seed.Seeder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CDS cards a clinician sees on opening each seeded patient's chart (./sandbox.sh --seed). */
@ExtendWith(SandboxExtension.class)
class CardSetTest {

    private static CdsCalls cds;
    private static Map<String, SeedPatient> seeded;

    @BeforeAll
    static void seedAndConfigure(Sandbox sandbox) {
        seeded = new Seeder(ca.uhn.fhir.context.FhirContext.forR4Cached(), sandbox.fhirBaseUrl(),
                sandbox.rapportUrl() + "/fhir").seed().stream().collect(Collectors.toMap(SeedPatient::key, p -> p));
        cds = new CdsCalls(sandbox);
    }

    @AfterAll
    static void restore() {
        cds.close();
    }

    @Test
    void theSafetyPatientsCriticalCardComesFirst() {
        JsonNode cards = cards("seed-safety");

        assertThat(cards.get(0).path("indicator").asText()).isEqualTo("critical");
        assertThat(cards.get(0).path("summary").asText()).contains("item 9 positive");
        assertThat(indicators(cards)).filteredOn("critical"::equals).hasSize(1);
        assertThat(summaries(cards)).anySatisfy(s -> assertThat(s).startsWith("IPT initial phase"));
    }

    @Test
    void theNonResponderIsOfferedAnAdaptation() {
        JsonNode cards = cards("seed-non-responder");

        // Most urgent first: without a safety signal the adaptation warning leads.
        assertThat(cards.get(0).path("summary").asText()).startsWith("No PHQ-9 response by session 6");
        assertThat(cards).filteredOn(c -> c.path("summary").asText().startsWith("No PHQ-9 response by session 6"))
                .singleElement().satisfies(card -> {
                    assertThat(card.path("indicator").asText()).isEqualTo("warning");
                    assertThat(card.path("detail").asText()).contains("Consider:");
                });
        assertThat(summaries(cards)).anySatisfy(s -> assertThat(s).startsWith("IPT middle phase").contains("Role dispute"));
        assertThat(indicators(cards)).doesNotContain("critical");
    }

    @Test
    void enrolledPatientsSeeTheirCourseStatus() {
        Map<String, String> phases = Map.of("seed-initial", "initial", "seed-grief", "middle",
                "seed-role-dispute", "middle", "seed-role-transition", "middle", "seed-deficits", "middle",
                "seed-termination", "termination", "seed-maintenance", "maintenance");
        phases.forEach((key, phase) -> {
            JsonNode cards = cards(key);
            assertThat(summaries(cards)).as(key).filteredOn(s -> s.startsWith("IPT ")).singleElement()
                    .satisfies(s -> assertThat(s.toLowerCase()).as(key).contains(phase).contains("sessions done"));
            assertThat(indicators(cards)).as(key).doesNotContain("critical");
            assertThat(summaries(cards)).as(key).noneMatch(s -> s.startsWith("Eligible for IPT"));
            assertThat(summaries(cards)).as(key).noneMatch(s -> s.startsWith("No PHQ-9 response"));
        });
        assertThat(summaries(cards("seed-grief"))).anySatisfy(s -> assertThat(s).contains("Grief"));
    }

    @Test
    void theNewPatientIsNotEligibleUntilTheSiteListsOneOfTheirConditions(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = seeded.get("seed-new").patientId();
        assertThat(cards("seed-new")).isEmpty();

        Condition condition = new Condition().setSubject(new Reference("Patient/" + patient))
                .setCode(new CodeableConcept(new Coding("urn:example:it-diagnoses", "eligible", "Depressive episode")))
                .setClinicalStatus(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        IdType id = (IdType) ehr.record.create().resource(condition).execute().getId().toUnqualifiedVersionless();
        try {
            JsonNode cards = cards("seed-new");
            assertThat(cards).singleElement().satisfies(card -> {
                assertThat(card.path("summary").asText()).isEqualTo("Eligible for IPT: Depressive episode");
                assertThat(card.path("indicator").asText()).isEqualTo("info");
            });
        } finally {
            ehr.record.delete().resourceById(id).execute();
        }
    }

    private static JsonNode cards(String key) {
        return cds.patientView(seeded.get(key).patientId());
    }

    private static List<String> summaries(JsonNode cards) {
        List<String> out = new ArrayList<>();
        cards.forEach(c -> out.add(c.path("summary").asText()));
        return out;
    }

    private static List<String> indicators(JsonNode cards) {
        List<String> out = new ArrayList<>();
        cards.forEach(c -> out.add(c.path("indicator").asText()));
        return out;
    }
}
