package health.rapport.fhir.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * External codes (LOINC) that were checked by hand against a stored authoritative source, listed with that source in
 * {@code verified-codes.json} (fhir-profiles test resources, shipped in the test-jar).
 */
public final class VerifiedCodes {

  public static final String RESOURCE = "verified-codes.json";

  /** A verified code and where it was verified. */
  public record Entry(String system, String code, String display, String source) {}

  private static Map<String, Entry> entries;

  private VerifiedCodes() {}

  public static synchronized Map<String, Entry> all() {
    if (entries == null) {
      Map<String, Entry> map = new HashMap<>();
      try (InputStream in = VerifiedCodes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is not on the classpath");
        }
        for (JsonNode n : new ObjectMapper().readTree(in).path("codes")) {
          Entry e = new Entry(n.path("system").asText(), n.path("code").asText(), n.path("display").asText(),
              n.path("source").asText());
          map.put(key(e.system(), e.code()), e);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      entries = Map.copyOf(map);
    }
    return entries;
  }

  public static boolean isVerified(String system, String code) {
    return all().containsKey(key(system, code));
  }

  private static String key(String system, String code) {
    return system + "|" + code;
  }
}
