package health.rapport.fhir.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * All Rapport canonical resources for the validator. PrePopulatedValidationSupport serves StructureDefinitions,
 * ValueSets and CodeSystems; this adds every other canonical resource (Questionnaire, PlanDefinition, ActivityDefinition,
 * ConceptMap...) by url or {@code url|version}, so that QuestionnaireResponses are validated against their Questionnaire.
 */
public final class RapportResourceSupport extends PrePopulatedValidationSupport {

  private final Map<String, MetadataResource> byCanonical = new HashMap<>();
  private final List<IBaseResource> all = new ArrayList<>();

  public RapportResourceSupport(Collection<ContentFile> files) {
    super(RapportFhir.context());
    for (ContentFile f : files) {
      addResource(f.resource());
      all.add(f.resource());
      if (f.resource() instanceof MetadataResource m && m.hasUrl()) {
        byCanonical.put(m.getUrl(), m);
        byCanonical.put(m.getUrl() + "|" + m.getVersion(), m);
      }
    }
  }

  @Override
  public String getName() {
    return "Rapport content";
  }

  @Override
  public <T extends IBaseResource> T fetchResource(Class<T> type, String uri) {
    T found = super.fetchResource(type, uri);
    if (found == null && uri != null) {
      MetadataResource m = byCanonical.get(uri);
      if (m != null && (type == null || type.isInstance(m))) {
        found = type == null ? null : type.cast(m);
      }
    }
    return found;
  }

  @Override
  public List<IBaseResource> fetchAllConformanceResources() {
    return new ArrayList<>(all);
  }
}
