package health.rapport.plugin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://ehr.example.org/fhir", "https://ehr.example.org/fhir/", "http://localhost:8080/fhir"})
    void acceptsAbsoluteHttpUrlsAndDropsATrailingSlash(String url) {
        assertThat(RestChartStore.validBaseUrl(url)).doesNotEndWith("/").startsWith("http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "/fhir", "ftp://ehr.example.org/fhir", "https://user:pw@ehr.example.org/fhir",
        "https://ehr.example.org/fhir?x=1", "https://ehr.example.org/fhir#top", "file:///etc/passwd"})
    void refusesAnythingElse(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> RestChartStore.validBaseUrl(url));
    }
}
