package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.util.FhirTerser;
import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The foreign-chart corpus (the plugin's {@code safety-corpus}: what other systems and real
 * histories put on a chart) through the real host: each case is written to HAPI FHIR JPA, running
 * with its shipped search cache, for a patient of its own, its times moved so that the case's "now"
 * is this run's; then the CDS service reads the chart itself from the FHIR server (no prefetch, pages
 * followed) and must answer 200 with the card of the expected item-9 state.
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

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path folder = Path.of(ForeignChartCorpusTest.class.getResource("/safety-corpus").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("Bundle-") && n.endsWith(".json") && !n.endsWith(".expected.json"))
                    .map(n -> n.substring("Bundle-".length(), n.length() - ".json".length()))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCdsServiceAnswersTheCaseWithItsSafetyCard(String name, Sandbox sandbox) {
        JsonNode expected = Json.parse(read("Bundle-" + name + ".expected.json"));
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        Bundle chart = Fhir.parse(Bundle.class, read("Bundle-" + name + ".json"));
        long shift = Instant.now().toEpochMilli() - Instant.parse(expected.path("now").asText()).toEpochMilli();
        if (!chart.getEntry().isEmpty()) {
            ehr.record.transaction().withBundle(transaction(chart, patient, shift)).execute();
        }

        JsonNode cards = cds.patientView(patient);

        String status = expected.path("status").asText();
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
    }

    private static void assertCard(JsonNode cards, JsonNode safety, String indicator, String words) {
        assertThat(safety).as(cards.toString()).isNotNull();
        assertThat(safety.path("indicator").asText()).isEqualTo(indicator);
        assertThat(safety.path("summary").asText()).contains(words);
        if ("critical".equals(indicator)) {
            assertThat(cards.get(0)).as("the critical card comes first").isEqualTo(safety);
        }
    }

    /** The case as a transaction for {@code patient}: new ids, references between its resources kept. */
    private static Bundle transaction(Bundle chart, String patient, long shiftMillis) {
        Map<String, String> fullUrls = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : chart.getEntry()) {
            Resource resource = entry.getResource();
            fullUrls.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), "urn:uuid:" + UUID.randomUUID());
        }
        FhirTerser terser = Fhir.CONTEXT.newTerser();
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Bundle.BundleEntryComponent entry : chart.getEntry()) {
            Resource resource = entry.getResource().copy();
            String key = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
            resource.setId((String) null);
            resource.setMeta(null);
            for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                String target = reference.getReference();
                if ("Patient/corpus".equals(target)) {
                    reference.setReference("Patient/" + patient);
                } else if (target != null && fullUrls.containsKey(target)) {
                    reference.setReference(fullUrls.get(target));
                }
            }
            for (BaseDateTimeType time : terser.getAllPopulatedChildElementsOfType(resource, BaseDateTimeType.class)) {
                if (time.getValue() != null) {
                    time.setValue(new Date(time.getValue().getTime() + shiftMillis));
                }
            }
            transaction.addEntry().setFullUrl(fullUrls.get(key)).setResource(resource).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
        }
        return transaction;
    }

    private static String read(String file) {
        try (InputStream in = ForeignChartCorpusTest.class.getResourceAsStream("/safety-corpus/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
