package health.rapport.fhir.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The FHIR NPM {@code package.json} that fhir-profiles ships at {@code rapport/package.json}. */
public record PackageManifest(String name, String version, String canonical, JsonNode json) {

  public static final String RESOURCE = "rapport/package.json";
  private static PackageManifest loaded;

  public static synchronized PackageManifest load() {
    if (loaded == null) {
      try (InputStream in = PackageManifest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is not on the classpath");
        }
        JsonNode json = new ObjectMapper().readTree(in);
        loaded = new PackageManifest(json.path("name").asText(), json.path("version").asText(),
            json.path("canonical").asText(), json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return loaded;
  }
}
