package health.rapport.fhir.testing;

import org.hl7.fhir.r4.model.Resource;

/**
 * One shipped FHIR JSON file.
 *
 * @param fileName the file name, {@code {Type}-{id}.json}
 * @param kind {@code content} (definitional, registered in the EHR) or {@code examples}
 * @param json the raw JSON text
 * @param resource the parsed resource
 */
public record ContentFile(String fileName, String kind, String json, Resource resource) {

  public boolean isExample() {
    return "examples".equals(kind);
  }

  public String reference() {
    return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
  }

  @Override
  public String toString() {
    return kind + "/" + fileName;
  }
}
