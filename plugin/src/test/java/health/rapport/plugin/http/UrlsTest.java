package health.rapport.plugin.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void baseUrlsCompareWithoutTrailingSlashes() {
        assertThat(Urls.withoutTrailingSlash("https://ehr.example.org/fhir/")).isEqualTo("https://ehr.example.org/fhir");
        assertThat(Urls.withoutTrailingSlash("https://ehr.example.org/fhir//")).isEqualTo("https://ehr.example.org/fhir");
        assertThat(Urls.withoutTrailingSlash("https://ehr.example.org/fhir")).isEqualTo("https://ehr.example.org/fhir");
        assertThat(Urls.withoutTrailingSlash("")).isEmpty();
        assertThat(Urls.withoutTrailingSlash(null)).isNull();
    }
}
