package health.rapport.plugin.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import ca.uhn.fhir.context.FhirContext;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentCatalogTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void readsCanonicalResourcesSortedByUrl() {
        ContentCatalog catalog = ContentCatalog.read(
                List.of(resource("Questionnaire-example.json"), resource("CodeSystem-example.json")),
                FHIR.newJsonParser());

        assertThat(catalog.size()).isEqualTo(2);
        assertThat(catalog.resources()).extracting(r -> r.getUrl()).containsExactly(
                "https://rapport-ipt.org/fhir/CodeSystem/example",
                "https://rapport-ipt.org/fhir/Questionnaire/example");
    }

    @Test
    void leavesTheImplementationGuideToThePackage() {
        ContentCatalog catalog = ContentCatalog.read(
                List.of(resource("ImplementationGuide-example.json"), resource("CodeSystem-example.json")),
                FHIR.newJsonParser());

        assertThat(catalog.resources()).extracting(r -> r.fhirType()).containsExactly("CodeSystem");
    }

    @Test
    void refusesContentWithoutVersion() {
        assertThatIllegalStateException().isThrownBy(() -> ContentCatalog.read(
                List.of(resource("Questionnaire-unversioned.json")), FHIR.newJsonParser()))
                .withMessageContaining("lacks url or version");
    }

    @Test
    void refusesNonCanonicalResources() {
        assertThatIllegalStateException().isThrownBy(() -> ContentCatalog.read(
                List.of(resource("Patient-example.json")), FHIR.newJsonParser()))
                .withMessageContaining("not a canonical");
    }

    private static URL resource(String name) {
        return ContentCatalogTest.class.getResource("/content/" + name);
    }
}
