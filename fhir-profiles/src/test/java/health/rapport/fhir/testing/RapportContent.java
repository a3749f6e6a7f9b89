package health.rapport.fhir.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;

/** Loads Rapport's shipped FHIR JSON, from a module's source folder or from every jar on the classpath. */
public final class RapportContent {

  public static final String ROOT = "rapport";
  public static final String CONTENT = "content";
  public static final String EXAMPLES = "examples";
  public static final String INDEX = ".index.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static List<ContentFile> classpathContent;
  private static List<ContentFile> classpathExamples;

  private RapportContent() {}

  /** The module's own files: {@code src/main/resources/rapport/{content,examples}/*.json}, without the index. */
  public static List<ContentFile> ofModule(Path moduleDir) {
    List<ContentFile> out = new ArrayList<>();
    for (String kind : List.of(CONTENT, EXAMPLES)) {
      Path dir = folder(moduleDir, kind);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
          String name = p.getFileName().toString();
          if (!name.equals(INDEX)) {
            out.add(parse(name, kind, Files.readString(p, StandardCharsets.UTF_8)));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  public static Path folder(Path moduleDir, String kind) {
    return moduleDir.resolve("src/main/resources").resolve(ROOT).resolve(kind);
  }

  /** The module directory Maven passes to surefire as {@code rapport.module.dir}. */
  public static Path moduleDir() {
    return Path.of(System.getProperty("rapport.module.dir", "."));
  }

  /** Every definitional resource of every Rapport jar on the classpath, found through their {@code .index.json}. */
  public static synchronized List<ContentFile> classpathContent() {
    if (classpathContent == null) {
      classpathContent = fromClasspath(CONTENT);
    }
    return classpathContent;
  }

  public static synchronized List<ContentFile> classpathExamples() {
    if (classpathExamples == null) {
      classpathExamples = fromClasspath(EXAMPLES);
    }
    return classpathExamples;
  }

  private static List<ContentFile> fromClasspath(String kind) {
    List<ContentFile> out = new ArrayList<>();
    try {
      Enumeration<URL> indexes =
          RapportContent.class.getClassLoader().getResources(ROOT + "/" + kind + "/" + INDEX);
      for (URL index : Collections.list(indexes)) {
        JsonNode files;
        try (InputStream in = index.openStream()) {
          files = JSON.readTree(in).path("files");
        }
        for (JsonNode entry : files) {
          String name = entry.path("filename").asText();
          URL file = new URL(index, name);
          try (InputStream in = file.openStream()) {
            out.add(parse(name, kind, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }

  public static ContentFile parse(String fileName, String kind, String json) {
    Resource resource = (Resource) RapportFhir.context().newJsonParser().parseResource(json);
    return new ContentFile(fileName, kind, json, resource);
  }

  /** Parses a classpath resource into a FHIR resource of the given type (for test fixtures). */
  public static <T extends Resource> T fixture(String classpathName, Class<T> type) {
    try (InputStream in = RapportContent.class.getClassLoader().getResourceAsStream(classpathName)) {
      if (in == null) {
        throw new IllegalArgumentException(classpathName + " not on classpath");
      }
      return RapportFhir.context().newJsonParser().parseResource(type, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads an example or content resource by file name from the classpath. */
  public static <T extends Resource> T load(String kind, String fileName, Class<T> type) {
    return fixture(ROOT + "/" + kind + "/" + fileName, type);
  }
}
