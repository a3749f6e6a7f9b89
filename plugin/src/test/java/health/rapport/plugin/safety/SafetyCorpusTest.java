package health.rapport.plugin.safety;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The foreign-chart corpus ({@code safety-corpus/Bundle-<case>.json}, expected state beside it in
 * {@code Bundle-<case>.expected.json}): what other systems and real histories put on a chart, read
 * by the one rule every surface uses. The integration suite runs the same corpus through the host.
 */
class SafetyCorpusTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path folder = Path.of(SafetyCorpusTest.class.getResource("/safety-corpus").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("Bundle-") && n.endsWith(".json") && !n.endsWith(".expected.json"))
                    .map(n -> n.substring("Bundle-".length(), n.length() - ".json".length()))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRuleGivesTheExpectedState(String name) {
        Bundle chart = FHIR.newJsonParser().parseResource(Bundle.class, read("Bundle-" + name + ".json"));
        JsonNode expected = json("Bundle-" + name + ".expected.json");
        List<QuestionnaireResponse> responses = new ArrayList<>();
        List<QuestionnaireResponse> reviews = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : chart.getEntry()) {
            if (entry.getResource() instanceof QuestionnaireResponse r) {
                (RiskReviewForm.isRiskReview(r.getQuestionnaire()) ? reviews : responses).add(r);
            } else if (entry.getResource() instanceof Observation o) {
                observations.add(o);
            }
        }

        Item9State state = new SafetyRule(Duration.ofDays(expected.path("lookbackDays").asInt()))
                .assess(new Item9Reader().read(responses, observations, reviews), List.of(),
                        Instant.parse(expected.path("now").asText()));

        assertThat(state.status().code()).as(Item9Words.details(state).toString())
                .isEqualTo(expected.path("status").asText());
        if (expected.has("positives")) {
            List<String> sources = new ArrayList<>();
            expected.path("positives").forEach(p -> sources.add(p.asText()));
            assertThat(state.positives()).extracting(Item9Answer::source).containsExactlyInAnyOrderElementsOf(sources);
        }
        // Every state reads in words, whatever the data.
        assertThat(Item9Words.headline(state)).isNotBlank();
    }

    private static String read(String file) {
        try (InputStream in = SafetyCorpusTest.class.getResourceAsStream("/safety-corpus/" + file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String file) {
        try {
            return JSON.readTree(read(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
