package health.rapport.fhir.testing;

import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;

/** Finds every code and every canonical reference a resource uses, wherever it sits (extensions included). */
public final class CodeScanner {

  /** A (system, code) pair found in a resource. */
  public record UsedCode(String system, String code, String where) {}

  private CodeScanner() {}

  public static List<UsedCode> codes(Resource resource) {
    FhirTerser terser = RapportFhir.context().newTerser();
    List<UsedCode> out = new ArrayList<>();
    String where = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    for (Coding c : terser.getAllPopulatedChildElementsOfType(resource, Coding.class)) {
      if (c.hasSystem() && c.hasCode()) {
        out.add(new UsedCode(c.getSystem(), c.getCode(), where));
      }
    }
    if (resource instanceof ValueSet vs) {
      for (ValueSet.ConceptSetComponent inc : vs.getCompose().getInclude()) {
        inc.getConcept().forEach(c -> out.add(new UsedCode(inc.getSystem(), c.getCode(), where)));
      }
    }
    if (resource instanceof ConceptMap cm) {
      for (ConceptMap.ConceptMapGroupComponent g : cm.getGroup()) {
        for (ConceptMap.SourceElementComponent e : g.getElement()) {
          out.add(new UsedCode(g.getSource(), e.getCode(), where));
          e.getTarget().forEach(t -> out.add(new UsedCode(g.getTarget(), t.getCode(), where)));
        }
      }
    }
    if (resource instanceof CodeSystem cs) {
      // code-valued properties that name another code system (e.g. tradition -> therapy-tradition)
      for (CodeSystem.PropertyComponent p : cs.getProperty()) {
        if (p.hasUri() && p.getType() == CodeSystem.PropertyType.CODE) {
          collectPropertyCodes(cs.getConcept(), p.getCode(), p.getUri(), where, out);
        }
      }
    }
    return out;
  }

  private static void collectPropertyCodes(List<CodeSystem.ConceptDefinitionComponent> concepts, String property,
      String system, String where, List<UsedCode> out) {
    for (CodeSystem.ConceptDefinitionComponent c : concepts) {
      c.getProperty().stream().filter(p -> p.getCode().equals(property) && p.hasValueCodeType())
          .forEach(p -> out.add(new UsedCode(system, p.getValueCodeType().getCode(), where)));
      collectPropertyCodes(c.getConcept(), property, system, where, out);
    }
  }

  /** Canonical references (meta.profile, answerValueSet, definitionCanonical, bindings, ...), plus uri-typed ones. */
  public static List<String> canonicals(Resource resource) {
    FhirTerser terser = RapportFhir.context().newTerser();
    List<String> out = new ArrayList<>();
    for (CanonicalType c : terser.getAllPopulatedChildElementsOfType(resource, CanonicalType.class)) {
      out.add(c.getValue());
    }
    if (resource instanceof ValueSet vs) {
      vs.getCompose().getInclude().forEach(i -> out.add(i.getSystem()));
    }
    if (resource instanceof Questionnaire q) {
      collectDefinitions(q.getItem(), out);
    }
    return out;
  }

  private static void collectDefinitions(List<Questionnaire.QuestionnaireItemComponent> items, List<String> out) {
    for (Questionnaire.QuestionnaireItemComponent i : items) {
      if (i.hasDefinition()) {
        out.add(i.getDefinition().split("#")[0]);
      }
      collectDefinitions(i.getItem(), out);
    }
  }

  /** All codes defined by a CodeSystem, at every level of its hierarchy. */
  public static List<String> definedCodes(CodeSystem cs) {
    List<String> out = new ArrayList<>();
    addCodes(cs.getConcept(), out);
    return out;
  }

  private static void addCodes(List<CodeSystem.ConceptDefinitionComponent> concepts, List<String> out) {
    for (CodeSystem.ConceptDefinitionComponent c : concepts) {
      out.add(c.getCode());
      addCodes(c.getConcept(), out);
    }
  }
}
