package health.rapport.fhir.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.UriType;

/**
 * The R5 cross-version extensions ({@code http://hl7.org/fhir/5.0/StructureDefinition/extension-{path}}) that the SDC
 * 4 profiles slice on (versionAlgorithm, copyrightLabel, item.answerConstraint). FHIR defines them by rule from the R5
 * element of that path, but neither HAPI 8.8's validator (it needs {@code xver-paths-5.0.json}, which no package it
 * loads carries) nor the npm registry (no {@code hl7.fhir.uv.xver-r5.r4}) provides them, so unresolved they make every
 * SDC Questionnaire fail slicing. This support derives each one from the R5 core definition in HAPI's R5 validation
 * resources: the extension's context is the parent element, its value the R5 element's types that exist in R4, with
 * the R5 binding. Only simple (non-backbone) elements are derived; anything else stays unresolved and fails loudly.
 */
final class CrossVersionExtensions implements IValidationSupport {

  static final String BASE = "http://hl7.org/fhir/5.0/StructureDefinition/extension-";
  private static final Pattern URL = Pattern.compile(Pattern.quote(BASE) + "(([A-Z][A-Za-z]+)(\\.[A-Za-z]+(\\[x])?)+)");
  private static final String R5_CORE = "org/hl7/fhir/r5/packages/hl7.fhir.r5.core-5.0.0.tgz";
  private static final Set<String> R4_VALUE_TYPES = Set.of("base64Binary", "boolean", "canonical", "code", "date",
      "dateTime", "decimal", "id", "instant", "integer", "markdown", "oid", "positiveInt", "string", "time",
      "unsignedInt", "uri", "url", "uuid", "Attachment", "CodeableConcept", "Coding", "Identifier", "Period",
      "Quantity", "Range", "Reference", "Duration", "Expression", "ContactDetail");

  private final FhirContext ctx;
  private final Map<String, JsonNode> r5Definitions = new ConcurrentHashMap<>();
  private final Map<String, StructureDefinition> derived = new ConcurrentHashMap<>();

  CrossVersionExtensions(FhirContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public FhirContext getFhirContext() {
    return ctx;
  }

  @Override
  public IBaseResource fetchStructureDefinition(String url) {
    if (url == null || !url.startsWith(BASE)) {
      return null;
    }
    String plain = url.contains("|") ? url.substring(0, url.indexOf('|')) : url;
    StructureDefinition sd = derived.computeIfAbsent(plain, u -> derive(u).orElse(null));
    return sd == null ? null : sd.copy();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends IBaseResource> T fetchResource(Class<T> type, String url) {
    if (type == null || type.isAssignableFrom(StructureDefinition.class)) {
      return (T) fetchStructureDefinition(url);
    }
    return null;
  }

  private Optional<StructureDefinition> derive(String url) {
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      return Optional.empty();
    }
    String path = m.group(1);
    JsonNode r5 = r5Definition(m.group(2));
    if (r5 == null) {
      return Optional.empty();
    }
    JsonNode element = null;
    boolean hasChildren = false;
    for (JsonNode e : r5.path("snapshot").path("element")) {
      String p = e.path("path").asText();
      if (p.equals(path)) {
        element = e;
      } else if (p.startsWith(path + ".")) {
        hasChildren = true;
      }
    }
    if (element == null || hasChildren) {
      return Optional.empty();
    }
    String parent = path.substring(0, path.lastIndexOf('.'));
    String name = path.replace("[x]", "");
    StructureDefinition sd = new StructureDefinition();
    sd.setId("extension-" + name);
    sd.setUrl(url);
    sd.setVersion("5.0.0");
    sd.setName("Extension_" + name.replace('.', '_'));
    sd.setTitle("Cross-version extension for " + name + " (R5)");
    sd.setStatus(Enumerations.PublicationStatus.ACTIVE);
    sd.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
    sd.setKind(StructureDefinition.StructureDefinitionKind.COMPLEXTYPE);
    sd.setAbstract(false);
    sd.setType("Extension");
    sd.setBaseDefinition("http://hl7.org/fhir/StructureDefinition/Extension");
    sd.setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
    sd.setDescription(element.path("definition").asText(name));
    sd.addContext().setType(StructureDefinition.ExtensionContextType.ELEMENT).setExpression(parent);

    ElementDefinition ext = sd.getDifferential().addElement().setPath("Extension");
    ext.setId("Extension");
    ext.setShort(element.path("short").asText(null));
    ext.setDefinition(element.path("definition").asText(null));
    ext.setMin(0);
    ext.setMax(element.path("max").asText("1"));
    ElementDefinition nested = sd.getDifferential().addElement().setPath("Extension.extension");
    nested.setId("Extension.extension");
    nested.setMax("0");
    ElementDefinition urlElement = sd.getDifferential().addElement().setPath("Extension.url");
    urlElement.setId("Extension.url");
    urlElement.setFixed(new UriType(url));
    ElementDefinition value = sd.getDifferential().addElement().setPath("Extension.value[x]");
    value.setId("Extension.value[x]");
    value.setMin(1);
    for (JsonNode type : element.path("type")) {
      String code = type.path("code").asText();
      if (R4_VALUE_TYPES.contains(code)) {
        value.addType().setCode(code);
      }
    }
    if (!value.hasType()) {
      return Optional.empty();
    }
    JsonNode binding = element.path("binding");
    if (binding.hasNonNull("strength") && binding.hasNonNull("valueSet")) {
      value.getBinding()
          .setStrength(Enumerations.BindingStrength.fromCode(binding.path("strength").asText()))
          .setValueSet(binding.path("valueSet").asText());
    }
    return Optional.of(sd);
  }

  private JsonNode r5Definition(String type) {
    return r5Definitions.computeIfAbsent(type, t -> {
      String wanted = "package/StructureDefinition-" + t + ".json";
      try (InputStream raw = CrossVersionExtensions.class.getClassLoader().getResourceAsStream(R5_CORE)) {
        if (raw == null) {
          throw new IllegalStateException(R5_CORE + " (hapi-fhir-validation-resources-r5) is not on the classpath");
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
          TarArchiveEntry e;
          while ((e = tar.getNextEntry()) != null) {
            if (e.getName().equals(wanted)) {
              return new ObjectMapper().readTree(tar.readAllBytes());
            }
          }
        }
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
