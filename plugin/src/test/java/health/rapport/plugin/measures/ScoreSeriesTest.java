package health.rapport.plugin.measures;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/** Totals from other systems, read into a course's series ({@code score-series/Bundle-*.json}, expected beside). */
class ScoreSeriesTest {

    @Test
    void foreignTotalsAreUsedAsMeantOrSetAsideWithTheReason() throws IOException {
        Bundle chart = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class,
                read("Bundle-foreign-totals.json"));
        JsonNode expected = new ObjectMapper().readTree(read("Bundle-foreign-totals.expected.json"));
        List<Observation> observations = chart.getEntry().stream().map(e -> (Observation) e.getResource()).toList();

        ScoreSeries series = ScoreSeries.of(observations, Instrument.valueOf(expected.path("instrument").asText()),
                Optional.of(Instant.parse(expected.path("since").asText())),
                Optional.of(expected.path("without").asText()));

        List<String> readings = new ArrayList<>();
        expected.path("readings").forEach(r -> readings.add(r.get(0).asText() + "=" + r.get(1).asInt()));
        assertThat(series.readings()).extracting(r -> r.source() + "=" + r.value()).containsExactlyElementsOf(readings);
        List<String> skipped = new ArrayList<>();
        expected.path("skipped").forEach(s -> skipped.add(s.asText()));
        assertThat(series.skipped()).extracting(SkippedRecord::source).containsExactlyInAnyOrderElementsOf(skipped);
        assertThat(series.skipped()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
    }

    private static String read(String file) throws IOException {
        try (InputStream in = ScoreSeriesTest.class.getResourceAsStream("/score-series/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
