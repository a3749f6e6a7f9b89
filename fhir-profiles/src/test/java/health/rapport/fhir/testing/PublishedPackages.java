package health.rapport.fhir.testing;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;

/**
 * The published FHIR packages Rapport's content claims conformance to (SDC, the extensions pack, HL7 terminology), as
 * the fhir-profiles build fetched and integrity-checked them into {@code fhir-packages/} of its test classes (see
 * {@code src/build/fhir-packages.json}). The test-jar carries them, so every module validates against the same ones.
 */
public final class PublishedPackages {

  static final String FOLDER = "fhir-packages/";
  static final String LIST = FOLDER + "fhir-packages.json";

  /** One pinned package. */
  public record Pin(String name, String version, String integrity) {
    String classpathTarball() {
      return "classpath:" + FOLDER + name + "-" + version + ".tgz";
    }
  }

  private PublishedPackages() {}

  public static List<Pin> pins() {
    try (InputStream in = PublishedPackages.class.getClassLoader().getResourceAsStream(LIST)) {
      if (in == null) {
        throw new IllegalStateException(LIST + " is not on the classpath: the fhir-profiles build fetches it (node)");
      }
      List<Pin> pins = new ArrayList<>();
      for (JsonNode p : new ObjectMapper().readTree(in).path("packages")) {
        pins.add(new Pin(p.path("name").asText(), p.path("version").asText(), p.path("integrity").asText()));
      }
      return pins;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every pinned package loaded into one validation support. */
  public static NpmPackageValidationSupport load(FhirContext ctx) {
    NpmPackageValidationSupport support = new NpmPackageValidationSupport(ctx);
    for (Pin pin : pins()) {
      try {
        support.loadPackageFromClasspath(pin.classpathTarball());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load FHIR package " + pin.name() + "#" + pin.version(), e);
      }
    }
    return support;
  }
}
