package health.rapport.plugin.cds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ChartLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void prefetchLosesItsNarrativesAndNothingElse() throws Exception {
        JsonNode bundle = JSON.readTree("""
                {"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Observation",
                "text":{"status":"generated","div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\">PHQ-9 item 9: 2</div>"},
                "code":{"text":"PHQ-9 item 9"},"valueInteger":2}}]}""");

        JsonNode trimmed = ChartLoader.withoutNarratives(bundle);

        JsonNode observation = trimmed.path("entry").get(0).path("resource");
        assertThat(observation.has("text")).isFalse();
        assertThat(observation.path("code").path("text").asText()).isEqualTo("PHQ-9 item 9");
        assertThat(observation.path("valueInteger").asInt()).isEqualTo(2);
    }

    @Test
    void aSingleResourceLosesItsNarrativeToo() throws Exception {
        JsonNode plan = JSON.readTree("""
                {"resourceType":"CarePlan","text":{"status":"generated","div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\">x</div>"},
                "status":"active"}""");

        assertThat(ChartLoader.withoutNarratives(plan).fieldNames()).toIterable().containsExactly("resourceType", "status");
    }
}
