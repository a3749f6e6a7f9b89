package health.rapport.careplans;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.rapport.fhir.testing.ContentFile;
import health.rapport.fhir.testing.RapportContent;
import health.rapport.fhir.testing.RapportFhir;
import health.rapport.fhir.testing.RapportValidator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The attached FHIR NPM package (classifier fhir-package) as built by this module, read back as a consumer would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirPackageTest {

  private static final String PACKAGE = System.getProperty("rapport.fhirPackage");
  private final Map<String, byte[]> entries = new HashMap<>();

  @BeforeAll
  void readTgz() throws IOException {
    assertThat(PACKAGE).as("surefire passes rapport.fhirPackage").isNotBlank();
    try (InputStream raw = getClass().getClassLoader().getResourceAsStream(PACKAGE)) {
      assertThat(raw).as("%s on the test classpath", PACKAGE).isNotNull();
      try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
          if (e.isFile()) {
            entries.put(e.getName(), tar.readAllBytes());
          }
        }
      }
    }
  }

  @Test
  void manifestNamesThePackageAndItsCanonicalBase() throws IOException {
    JsonNode manifest = new ObjectMapper().readTree(entries.get("package/package.json"));
    assertThat(manifest.path("name").asText()).isEqualTo("rapport.ipt");
    assertThat(manifest.path("version").asText()).isEqualTo("0.1.0");
    assertThat(manifest.path("canonical").asText()).isEqualTo("https://rapport-ipt.org/fhir");
    assertThat(manifest.path("fhirVersions").get(0).asText()).isEqualTo("4.0.1");
  }

  @Test
  void everyEntrySitsUnderPackage() {
    assertThat(entries.keySet()).allMatch(n -> n.startsWith("package/"));
  }

  @Test
  void indexesListExactlyTheFilesOfTheirFolder() throws IOException {
    for (String folder : List.of("package/", "package/example/")) {
      JsonNode index = new ObjectMapper().readTree(entries.get(folder + ".index.json"));
      List<String> listed = new ArrayList<>();
      index.path("files").forEach(f -> listed.add(folder + f.path("filename").asText()));
      List<String> present = entries.keySet().stream()
          .filter(n -> n.startsWith(folder) && !n.substring(folder.length()).contains("/"))
          .filter(n -> !n.endsWith(".index.json") && !n.endsWith("package.json")).toList();
      assertThat(listed).as("index of %s", folder).containsExactlyInAnyOrderElementsOf(present);
    }
  }

  @Test
  void packageHoldsEveryModuleContentAndExample() {
    for (ContentFile f : RapportContent.classpathContent()) {
      assertThat(entries).containsKey("package/" + f.fileName());
    }
    for (ContentFile f : RapportContent.classpathExamples()) {
      assertThat(entries).containsKey("package/example/" + f.fileName());
    }
    assertThat(entries.keySet()).anyMatch(n -> n.endsWith("Questionnaire-phq-9.json"))
        .anyMatch(n -> n.endsWith("PlanDefinition-ipt-acute-course.json"))
        .anyMatch(n -> n.endsWith("StructureDefinition-ipt-careplan.json"));
  }

  @Test
  void implementationGuideListsExactlyThePackageResources() {
    ImplementationGuide ig = RapportContent.load(RapportContent.CONTENT, "ImplementationGuide-rapport.ipt.json",
        ImplementationGuide.class);
    List<String> listed = ig.getDefinition().getResource().stream().map(r -> r.getReference().getReference()).toList();
    List<String> shipped = new ArrayList<>();
    RapportContent.classpathContent().stream().filter(f -> !(f.resource() instanceof ImplementationGuide))
        .forEach(f -> shipped.add(f.reference()));
    RapportContent.classpathExamples().forEach(f -> shipped.add(f.reference()));
    assertThat(listed).containsExactlyInAnyOrderElementsOf(shipped);
  }

  @Test
  void hapiLoadsThePackageAndValidatesExamplesAgainstItsProfiles() throws IOException {
    NpmPackageValidationSupport npm = new NpmPackageValidationSupport(RapportFhir.context());
    npm.loadPackageFromClasspath("classpath:" + PACKAGE);
    assertThat(npm.fetchStructureDefinition(RapportFhir.CANONICAL_BASE + "/StructureDefinition/ipt-careplan-shareable"))
        .isNotNull();
    RapportValidator validator = RapportValidator.of(npm);

    CarePlan shareable = RapportContent.load(RapportContent.EXAMPLES, "CarePlan-example-maya-ipt-shareable.json",
        CarePlan.class);
    ValidationResult ok = validator.validate(shareable);
    assertThat(RapportValidator.errors(ok)).as("shareable example against the packaged profile").isEmpty();

    // The full plan holds a psychotherapy note: claiming the shareable profile must fail on the rpt-share rules.
    CarePlan full = RapportContent.load(RapportContent.EXAMPLES, "CarePlan-example-maya-ipt.json", CarePlan.class);
    full.getMeta().getProfile().clear();
    full.getMeta().addProfile(RapportFhir.CANONICAL_BASE + "/StructureDefinition/ipt-careplan-shareable");
    List<String> errors = RapportValidator.errors(validator.validate(full)).stream()
        .map(RapportValidator::describe).toList();
    assertThat(errors).anyMatch(e -> e.contains("rpt-share-1")).anyMatch(e -> e.contains("rpt-share-2"))
        .anyMatch(e -> e.contains("rpt-share-3")).anyMatch(e -> e.contains("rpt-share-4"));
  }
}
