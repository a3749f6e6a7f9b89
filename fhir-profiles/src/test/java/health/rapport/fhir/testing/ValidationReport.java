package health.rapport.fhir.testing;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects validator messages per file and writes them to {@code target/validation-report.txt}, which the build keeps
 * next to the module's other outputs.
 */
public final class ValidationReport {

  private final Map<String, ValidationResult> results = new TreeMap<>();

  public void add(ContentFile file, ValidationResult result) {
    results.put(file.toString(), result);
  }

  public Path write(String module) {
    Path dir = Path.of(System.getProperty("rapport.report.dir", "target"));
    Path file = dir.resolve("validation-report.txt");
    Map<ResultSeverityEnum, Integer> totals = new EnumMap<>(ResultSeverityEnum.class);
    StringBuilder body = new StringBuilder();
    results.forEach((name, result) -> {
      body.append("== ").append(name).append('\n');
      for (SingleValidationMessage m : result.getMessages()) {
        totals.merge(m.getSeverity(), 1, Integer::sum);
        body.append("  ").append(RapportValidator.describe(m)).append('\n');
      }
    });
    StringBuilder head = new StringBuilder()
        .append("Rapport FHIR validation report: module ").append(module).append('\n')
        .append("files validated: ").append(results.size()).append('\n');
    for (ResultSeverityEnum s : ResultSeverityEnum.values()) {
      head.append(s.getCode()).append(": ").append(totals.getOrDefault(s, 0)).append('\n');
    }
    try {
      Files.createDirectories(dir);
      Files.writeString(file, head.append('\n').append(body), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
