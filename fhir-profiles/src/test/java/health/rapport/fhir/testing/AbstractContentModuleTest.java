package health.rapport.fhir.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The checks every Rapport content module runs over the FHIR files it ships. A module's test extends this class and
 * names the module; the checks then cover {@code src/main/resources/rapport/{content,examples}} of that module,
 * resolving references against every Rapport resource on the test classpath.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractContentModuleTest {

  private static final Set<String> NON_CLINICAL_EXAMPLES = Set.of("Patient", "Practitioner");

  protected List<ContentFile> files;
  private Map<String, MetadataResource> byUrl;

  /** The module's artifact name, for the report. */
  protected abstract String moduleName();

  @BeforeAll
  void loadFiles() {
    files = RapportContent.ofModule(RapportContent.moduleDir());
    byUrl = new HashMap<>();
    for (ContentFile f : RapportContent.classpathContent()) {
      if (f.resource() instanceof MetadataResource m && m.hasUrl()) {
        byUrl.put(m.getUrl(), m);
      }
    }
  }

  @Test
  void moduleShipsContent() {
    assertThat(files).as("FHIR files of %s", moduleName()).isNotEmpty();
  }

  @Test
  void fileNameIsTypeDashId() {
    for (ContentFile f : files) {
      assertThat(f.fileName()).as(f.toString())
          .isEqualTo(f.resource().fhirType() + "-" + f.resource().getIdElement().getIdPart() + ".json");
    }
  }

  @Test
  void filesArePrettyPrinted() {
    for (ContentFile f : files) {
      assertThat(f.json()).as(f.toString()).startsWith("{\n  \"resourceType\"");
    }
  }

  @Test
  void definitionsCarryFullMetadataOnTheCanonicalBase() {
    for (ContentFile f : files) {
      if (f.isExample()) {
        continue;
      }
      assertThat(f.resource()).as(f.toString()).isInstanceOf(MetadataResource.class);
      MetadataResource m = (MetadataResource) f.resource();
      String expectedUrl = RapportFhir.CANONICAL_BASE + "/" + m.fhirType() + "/" + m.getIdElement().getIdPart();
      assertThat(m.getUrl()).as("url of %s", f).isEqualTo(expectedUrl).startsWith(RapportFhir.CANONICAL_BASE + "/");
      assertThat(m.getVersion()).as("version of %s", f).isEqualTo(RapportFhir.VERSION);
      assertThat(m.getName()).as("name of %s", f).matches("[A-Z][A-Za-z0-9_]{0,254}");
      assertThat(m.getTitle()).as("title of %s", f).isNotBlank();
      assertThat(m.getStatus()).as("status of %s", f).isEqualTo(PublicationStatus.ACTIVE);
      assertThat(m.hasExperimental() && !m.getExperimental()).as("experimental=false on %s", f).isTrue();
      assertThat(m.getPublisher()).as("publisher of %s", f).isEqualTo("Rapport");
      assertThat(m.getDescription()).as("description of %s", f).hasSizeGreaterThan(20);
    }
  }

  @Test
  void canonicalUrlsAreUnique() {
    Set<String> seen = new HashSet<>();
    for (ContentFile f : RapportContent.classpathContent()) {
      if (f.resource() instanceof MetadataResource m) {
        assertThat(seen.add(m.getUrl())).as("duplicate url %s", m.getUrl()).isTrue();
      }
    }
  }

  @Test
  void indexListsExactlyTheShippedFiles() throws IOException {
    for (String kind : List.of(RapportContent.CONTENT, RapportContent.EXAMPLES)) {
      Path dir = RapportContent.folder(RapportContent.moduleDir(), kind);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<ContentFile> shipped = files.stream().filter(f -> f.kind().equals(kind)).toList();
      Path index = dir.resolve(RapportContent.INDEX);
      if (shipped.isEmpty()) {
        try (Stream<Path> s = Files.list(dir)) {
          assertThat(s.filter(p -> !p.getFileName().toString().equals(RapportContent.INDEX))).isEmpty();
        }
        continue;
      }
      assertThat(index).as("index of %s", dir).exists();
      JsonNode json = new ObjectMapper().readTree(index.toFile());
      assertThat(json.path("index-version").asInt()).isEqualTo(1);
      Map<String, JsonNode> entries = new HashMap<>();
      json.path("files").forEach(e -> entries.put(e.path("filename").asText(), e));
      assertThat(entries.keySet()).as("files listed in %s", index)
          .containsExactlyInAnyOrderElementsOf(shipped.stream().map(ContentFile::fileName).toList());
      for (ContentFile f : shipped) {
        JsonNode e = entries.get(f.fileName());
        assertThat(e.path("resourceType").asText()).as(f.toString()).isEqualTo(f.resource().fhirType());
        assertThat(e.path("id").asText()).as(f.toString()).isEqualTo(f.resource().getIdElement().getIdPart());
        if (f.resource() instanceof MetadataResource m) {
          assertThat(e.path("url").asText()).as(f.toString()).isEqualTo(m.getUrl());
          assertThat(e.path("version").asText()).as(f.toString()).isEqualTo(m.getVersion());
        }
      }
    }
  }

  @Test
  void everyFileValidatesWithoutErrors() {
    RapportValidator validator = RapportValidator.fromClasspath();
    ValidationReport report = new ValidationReport();
    List<String> errors = new ArrayList<>();
    for (ContentFile f : files) {
      ValidationResult result = validator.validate(f.resource());
      report.add(f, result);
      for (SingleValidationMessage m : RapportValidator.errors(result)) {
        errors.add(f + ": " + RapportValidator.describe(m));
      }
    }
    Path written = report.write(moduleName());
    assertThat(errors).as("validation errors (full report: %s)", written).isEmpty();
  }

  /**
   * A profile claimed in {@code meta.profile} that the validator cannot resolve is silently skipped (a warning), so every
   * claim must resolve: Rapport's own, SDC's and the core ones alike.
   */
  @Test
  void everyClaimedProfileIsChecked() {
    RapportValidator validator = RapportValidator.fromClasspath();
    for (ContentFile f : files) {
      for (var profile : f.resource().getMeta().getProfile()) {
        assertThat(validator.resolves(profile.getValue())).as("%s claims %s", f, profile.getValue()).isTrue();
      }
    }
  }

  @Test
  void everyLoincCodeIsVerified() {
    for (ContentFile f : files) {
      for (CodeScanner.UsedCode c : CodeScanner.codes(f.resource())) {
        if (RapportFhir.LOINC.equals(c.system())) {
          assertThat(VerifiedCodes.isVerified(c.system(), c.code()))
              .as("LOINC %s in %s is in verified-codes.json", c.code(), f).isTrue();
        }
      }
    }
  }

  @Test
  void everyCodeFromRapportCodeSystemsExists() {
    for (ContentFile f : files) {
      for (CodeScanner.UsedCode c : CodeScanner.codes(f.resource())) {
        if (!c.system().startsWith(RapportFhir.CANONICAL_BASE + "/CodeSystem/")) {
          assertThat(c.system()).as("code system url in %s", f).doesNotStartWith(RapportFhir.CANONICAL_BASE);
          continue;
        }
        MetadataResource cs = byUrl.get(c.system());
        assertThat(cs).as("code system %s used in %s", c.system(), f).isInstanceOf(CodeSystem.class);
        assertThat(CodeScanner.definedCodes((CodeSystem) cs)).as("codes of %s (used in %s)", c.system(), f)
            .contains(c.code());
      }
    }
  }

  @Test
  void everyRapportCanonicalResolvesToAShippedResource() {
    for (ContentFile f : files) {
      for (String ref : CodeScanner.canonicals(f.resource())) {
        if (ref == null || !ref.startsWith(RapportFhir.CANONICAL_BASE)) {
          continue;
        }
        String[] parts = ref.split("\\|");
        MetadataResource target = byUrl.get(parts[0]);
        assertThat(target).as("%s referenced from %s", ref, f).isNotNull();
        if (parts.length > 1) {
          assertThat(target.getVersion()).as("version of %s referenced from %s", ref, f).isEqualTo(parts[1]);
        }
      }
    }
  }

  @Test
  void clinicalExamplesCarryPrivacyLabels() {
    for (ContentFile f : files) {
      Resource r = f.resource();
      if (!f.isExample() || NON_CLINICAL_EXAMPLES.contains(r.fhirType())) {
        continue;
      }
      List<Coding> security = r.getMeta().getSecurity();
      assertThat(security).as("confidentiality R on %s", f)
          .anyMatch(c -> RapportFhir.CONFIDENTIALITY.equals(c.getSystem()) && "R".equals(c.getCode()));
      assertThat(security).as("PSY or MH on %s", f)
          .anyMatch(c -> RapportFhir.ACT_CODE.equals(c.getSystem()) && Set.of("PSY", "MH").contains(c.getCode()));
      if (r instanceof CarePlan cp && containsInlineProcessNote(cp)) {
        assertThat(security).as("PSYTHPN on %s, which holds process notes", f)
            .anyMatch(c -> RapportFhir.ACT_CODE.equals(c.getSystem()) && "PSYTHPN".equals(c.getCode()));
      }
    }
  }

  private static boolean containsInlineProcessNote(CarePlan cp) {
    String label = RapportFhir.CANONICAL_BASE + "/StructureDefinition/inline-security-label";
    List<Extension> labels = new ArrayList<>();
    cp.getNote().forEach(n -> labels.addAll(n.getExtensionsByUrl(label)));
    cp.getActivity().forEach(a -> labels.addAll(a.getExtensionsByUrl(label)));
    return labels.stream().anyMatch(e -> e.getValue() instanceof Coding c && "PSYTHPN".equals(c.getCode()));
  }
}
