package health.rapport.fhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.fhir.testing.PackageManifest;
import health.rapport.fhir.testing.PublishedPackages;
import health.rapport.fhir.testing.RapportValidator;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The published packages the build fetched are the pinned ones, and Rapport's package.json depends on exactly them. */
class PublishedPackagesTest {

  @Test
  void packageJsonDeclaresThePinnedPackagesAsDependencies() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("hl7.fhir.r4.core", "4.0.1");
    PublishedPackages.pins().forEach(p -> expected.put(p.name(), p.version()));
    Map<String, String> declared = new LinkedHashMap<>();
    PackageManifest.load().json().path("dependencies").fields()
        .forEachRemaining(e -> declared.put(e.getKey(), e.getValue().asText()));
    assertThat(declared).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void everyTarballOnTheClasspathMatchesItsPinnedIntegrity() throws IOException, NoSuchAlgorithmException {
    assertThat(PublishedPackages.pins()).extracting(PublishedPackages.Pin::name)
        .contains("hl7.fhir.uv.sdc", "hl7.fhir.uv.extensions.r4", "hl7.terminology.r4");
    for (PublishedPackages.Pin pin : PublishedPackages.pins()) {
      String path = "fhir-packages/" + pin.name() + "-" + pin.version() + ".tgz";
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
        assertThat(in).as(path).isNotNull();
        String digest = "sha512-" + Base64.getEncoder().encodeToString(
            MessageDigest.getInstance("SHA-512").digest(in.readAllBytes()));
        assertThat(digest).as(path).isEqualTo(pin.integrity());
      }
    }
  }

  @Test
  void theValidatorKnowsTheSdcProfilesAndTheirCrossVersionExtensions() {
    RapportValidator validator = RapportValidator.fromClasspath();
    for (String url : new String[] {
        "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-behave",
        "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-extr-defn",
        "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-extr-obsn",
        "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-definitionExtract",
        "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl",
        "http://hl7.org/fhir/5.0/StructureDefinition/extension-Questionnaire.versionAlgorithm[x]",
        "http://hl7.org/fhir/5.0/StructureDefinition/extension-Questionnaire.item.answerConstraint"}) {
      assertThat(validator.resolves(url)).as(url).isTrue();
    }
    assertThat(validator.resolves("http://hl7.org/fhir/5.0/StructureDefinition/extension-Questionnaire.item"))
        .as("a backbone element has no simple cross-version extension").isFalse();
  }
}
