package health.rapport.fhir.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Lays out the FHIR NPM package {@code rapport.ipt} from every Rapport jar on the classpath: {@code package/package.json},
 * {@code package/.index.json}, every definitional resource, and the examples under {@code package/example/} with their own
 * index. The care-plans build runs it (exec-maven-plugin) and packs the folder with maven-assembly-plugin.
 */
public final class FhirPackageStager {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FhirPackageStager() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    stage(root);
    System.out.println("Staged FHIR package " + RapportFhir.PACKAGE_ID + "#" + RapportFhir.VERSION + " in " + root);
  }

  public static void stage(Path root) throws IOException {
    Path pkg = root.resolve("package");
    if (Files.exists(root)) {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(pkg.resolve("example"));
    Files.write(pkg.resolve("package.json"), JSON.writeValueAsBytes(PackageManifest.load().json()));
    write(pkg, RapportContent.classpathContent());
    write(pkg.resolve("example"), RapportContent.classpathExamples());
  }

  private static void write(Path dir, List<ContentFile> files) throws IOException {
    ObjectNode index = JSON.createObjectNode();
    index.put("index-version", 1);
    ArrayNode entries = index.putArray("files");
    Set<String> names = new HashSet<>();
    for (ContentFile f : files.stream().sorted(Comparator.comparing(ContentFile::fileName)).toList()) {
      if (!names.add(f.fileName())) {
        throw new IllegalStateException("Two Rapport modules ship " + f.fileName());
      }
      Files.writeString(dir.resolve(f.fileName()), f.json(), StandardCharsets.UTF_8);
      ObjectNode e = entries.addObject();
      e.put("filename", f.fileName());
      e.put("resourceType", f.resource().fhirType());
      e.put("id", f.resource().getIdElement().getIdPart());
      if (f.resource() instanceof MetadataResource m) {
        if (m.hasUrl()) {
          e.put("url", m.getUrl());
        }
        if (m.hasVersion()) {
          e.put("version", m.getVersion());
        }
      }
      if (f.resource() instanceof StructureDefinition sd) {
        e.put("kind", sd.getKind().toCode());
        e.put("type", sd.getType());
      }
    }
    Files.write(dir.resolve(RapportContent.INDEX), JSON.writeValueAsBytes(index));
  }
}
