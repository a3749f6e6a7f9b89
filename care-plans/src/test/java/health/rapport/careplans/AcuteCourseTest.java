package health.rapport.careplans;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.fhirpath.IFhirPathEvaluationContext;
import health.rapport.fhir.testing.ContentFile;
import health.rapport.fhir.testing.RapportContent;
import health.rapport.fhir.testing.RapportFhir;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.junit.jupiter.api.Test;

/** The IPT acute course and its sub-plans behave as docs/clinical-basis.md §1 describes. */
class AcuteCourseTest {

  private static final String BASE = RapportFhir.CANONICAL_BASE;

  private final PlanDefinition course = RapportContent.load(RapportContent.CONTENT,
      "PlanDefinition-ipt-acute-course.json", PlanDefinition.class);

  @Test
  void phasesAreTimedBySessionNumberInOrder() {
    assertThat(course.getAction()).extracting(PlanDefinitionActionComponent::getId)
        .containsExactly("initial", "middle", "termination");
    int[][] ranges = {{1, 3}, {4, 13}, {14, 16}};
    for (int i = 0; i < 3; i++) {
      var range = course.getAction().get(i).getTimingRange();
      assertThat(range.getLow().getValue().intValue()).isEqualTo(ranges[i][0]);
      assertThat(range.getHigh().getValue().intValue()).isEqualTo(ranges[i][1]);
      assertThat(range.getLow().getCode()).isEqualTo("{session}");
    }
    assertThat(course.getAction().get(1).getRelatedActionFirstRep().getActionId()).isEqualTo("initial");
    assertThat(course.getAction().get(2).getRelatedActionFirstRep().getActionId()).isEqualTo("middle");
  }

  @Test
  void middlePhaseSelectsExactlyTheSubPlansOfTheChosenProblemAreas() {
    PlanDefinitionActionComponent strategies = course.getAction().get(1).getAction().stream()
        .filter(a -> a.getId().equals("problem-area-strategies")).findFirst().orElseThrow();
    for (String area : List.of("grief", "role-dispute", "role-transition", "interpersonal-deficits")) {
      assertThat(applicable(strategies, "problemArea", List.of(area)))
          .containsExactly(BASE + "/PlanDefinition/ipt-" + area + "|0.1.0");
    }
    assertThat(applicable(strategies, "problemArea", List.of("role-dispute", "role-transition")))
        .containsExactlyInAnyOrder(BASE + "/PlanDefinition/ipt-role-dispute|0.1.0",
            BASE + "/PlanDefinition/ipt-role-transition|0.1.0");
    assertThat(applicable(strategies, "problemArea", List.of())).isEmpty();
  }

  @Test
  void roleDisputeAppliesExactlyOneStageStrategy() {
    PlanDefinition dispute = RapportContent.load(RapportContent.CONTENT, "PlanDefinition-ipt-role-dispute.json",
        PlanDefinition.class);
    PlanDefinitionActionComponent stage = dispute.getAction().stream().filter(a -> a.getId().equals("stage-strategy"))
        .findFirst().orElseThrow();
    Map<String, String> expected = Map.of("renegotiation", "improve-communication-renegotiation",
        "impasse", "restart-negotiation-impasse", "dissolution", "let-go-dissolution");
    expected.forEach((s, task) -> assertThat(applicable(stage, "disputeStage", List.of(s)))
        .containsExactly(BASE + "/ActivityDefinition/ipt-task-" + task + "|0.1.0"));
  }

  @Test
  void everyTaskTechniqueAndInterventionHasAnActivityDefinition() {
    List<ActivityDefinition> ads = RapportContent.ofModule(RapportContent.moduleDir()).stream()
        .map(ContentFile::resource).filter(ActivityDefinition.class::isInstance).map(ActivityDefinition.class::cast)
        .toList();
    for (String cs : List.of("ipt-task", "ipt-technique", "integrative-intervention")) {
      CodeSystem system = RapportContent.load(RapportContent.CONTENT, "CodeSystem-" + cs + ".json", CodeSystem.class);
      List<CodeSystem.ConceptDefinitionComponent> leaves = new ArrayList<>();
      collectLeaves(system.getConcept(), leaves);
      for (CodeSystem.ConceptDefinitionComponent c : leaves) {
        List<ActivityDefinition> matching = ads.stream().filter(ad -> ad.getCode().getCoding().stream()
            .anyMatch(x -> x.getSystem().equals(system.getUrl()) && x.getCode().equals(c.getCode()))).toList();
        assertThat(matching).as("ActivityDefinition for %s#%s", cs, c.getCode()).hasSize(1);
        if (cs.equals("integrative-intervention")) {
          String tradition = c.getProperty().stream().filter(p -> p.getCode().equals("tradition")).findFirst()
              .orElseThrow().getValueCodeType().getCode();
          ActivityDefinition ad = matching.get(0);
          assertThat(((Coding) ad.getExtensionByUrl(BASE + "/StructureDefinition/therapy-tradition").getValue())
              .getCode()).as("tradition of %s", ad.getId()).isEqualTo(tradition);
          assertThat(ad.getExtensionByUrl(BASE + "/StructureDefinition/integration-route")).isNotNull();
        }
      }
    }
  }

  private static void collectLeaves(List<CodeSystem.ConceptDefinitionComponent> in,
      List<CodeSystem.ConceptDefinitionComponent> out) {
    for (CodeSystem.ConceptDefinitionComponent c : in) {
      if (c.hasConcept()) {
        collectLeaves(c.getConcept(), out);
      } else {
        out.add(c);
      }
    }
  }

  /** Evaluates each child action's applicability conditions with the named input bound to the given codes. */
  private static List<String> applicable(PlanDefinitionActionComponent parent, String input, List<String> codes) {
    IFhirPath fhirPath = RapportFhir.context().newFhirPath();
    String system = input.equals("problemArea") ? BASE + "/CodeSystem/ipt-problem-area"
        : BASE + "/CodeSystem/role-dispute-stage";
    List<IBase> value = new ArrayList<>(codes.stream().map(c -> (IBase) new Coding(system, c, null)).toList());
    fhirPath.setEvaluationContext(new IFhirPathEvaluationContext() {
      @Override
      public List<IBase> resolveConstant(Object appContext, String name,
          IFhirPathEvaluationContext.ConstantEvaluationMode mode) {
        return name.equals(input) ? value : null;
      }
    });
    List<String> out = new ArrayList<>();
    for (PlanDefinitionActionComponent child : parent.getAction()) {
      assertThat(child.getCondition()).isNotEmpty();
      boolean all = child.getCondition().stream().allMatch(c -> fhirPath
          .evaluateFirst(child, c.getExpression().getExpression(), BooleanType.class)
          .map(BooleanType::booleanValue).orElse(false));
      if (all) {
        out.add(child.getDefinitionCanonicalType().getValue());
      }
    }
    return out;
  }
}
