package health.rapport.questionnaires;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.fhirpath.IFhirPathEvaluationContext;
import health.rapport.fhir.testing.RapportContent;
import health.rapport.fhir.testing.RapportFhir;
import health.rapport.fhir.testing.RapportValidator;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The shipped FHIRPath totals compute the right score, consistent with the answers' ordinalValue. */
class ScoringTest {

  private static final String CALC = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression";
  private static final String ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

  @ParameterizedTest
  @CsvSource({"Questionnaire-phq-9.json, QuestionnaireResponse-example-maya-phq9-baseline.json, 44261-6, 16",
      "Questionnaire-gad-7.json, QuestionnaireResponse-example-maya-gad7-baseline.json, 70274-6, 11"})
  void calculatedTotalMatchesTheRecordedTotalAndTheOrdinalSum(String qFile, String qrFile, String totalLinkId,
      int expected) {
    Questionnaire q = RapportContent.load(RapportContent.CONTENT, qFile, Questionnaire.class);
    QuestionnaireResponse qr = RapportContent.load(RapportContent.EXAMPLES, qrFile, QuestionnaireResponse.class);
    Questionnaire.QuestionnaireItemComponent total = find(q.getItem(), totalLinkId);
    String expression = ((Expression) total.getExtensionByUrl(CALC).getValue()).getExpression();

    IFhirPath fhirPath = RapportFhir.context().newFhirPath();
    fhirPath.setEvaluationContext(new IFhirPathEvaluationContext() {
      @Override
      public List<IBase> resolveConstant(Object appContext, String name,
          IFhirPathEvaluationContext.ConstantEvaluationMode mode) {
        return name.equals("resource") ? List.of(qr) : null;
      }
    });
    int calculated = fhirPath.evaluateFirst(qr, expression, IntegerType.class).orElseThrow().getValue();

    Map<String, BigDecimal> weights = new HashMap<>();
    collectWeights(q.getItem(), weights);
    int ordinalSum = qr.getItemFirstRep().getItem().stream().filter(i -> !i.getLinkId().equals(totalLinkId))
        .flatMap(i -> i.getAnswer().stream()).map(a -> weights.get(((Coding) a.getValue()).getCode()))
        .filter(w -> w != null).mapToInt(BigDecimal::intValue).sum();
    int recorded = ((IntegerType) find(qr.getItem(), totalLinkId, true).getAnswerFirstRep().getValue()).getValue();

    assertThat(calculated).isEqualTo(expected).isEqualTo(ordinalSum).isEqualTo(recorded);
  }

  @Test
  void disputeStageOnlyAnswerableForRoleDispute() {
    QuestionnaireResponse qr = RapportContent.load(RapportContent.EXAMPLES,
        "QuestionnaireResponse-example-maya-inventory.json", QuestionnaireResponse.class);
    assertThat(RapportValidator.errors(RapportValidator.fromClasspath().validate(qr))).isEmpty();
    // Change the primary problem area to grief but keep the dispute stage answer: enableWhen now disables it.
    QuestionnaireResponse.QuestionnaireResponseItemComponent area = find(qr.getItem(), "formulation.primary.problem-area", true);
    area.getAnswerFirstRep().setValue(new Coding(RapportFhir.CANONICAL_BASE + "/CodeSystem/ipt-problem-area", "grief", null));
    assertThat(RapportValidator.errors(RapportValidator.fromClasspath().validate(qr)))
        .anyMatch(m -> m.getLocationString().contains("item") && m.getMessage().toLowerCase().contains("enable"));
  }

  private static void collectWeights(List<Questionnaire.QuestionnaireItemComponent> items, Map<String, BigDecimal> out) {
    for (Questionnaire.QuestionnaireItemComponent i : items) {
      for (Questionnaire.QuestionnaireItemAnswerOptionComponent o : i.getAnswerOption()) {
        if (o.hasExtension(ORDINAL)) {
          out.put(o.getValueCoding().getCode(), ((DecimalType) o.getExtensionByUrl(ORDINAL).getValue()).getValue());
        }
      }
      collectWeights(i.getItem(), out);
    }
  }

  private static Questionnaire.QuestionnaireItemComponent find(List<Questionnaire.QuestionnaireItemComponent> items,
      String linkId) {
    for (Questionnaire.QuestionnaireItemComponent i : items) {
      if (i.getLinkId().equals(linkId)) {
        return i;
      }
      Questionnaire.QuestionnaireItemComponent f = find(i.getItem(), linkId);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private static QuestionnaireResponse.QuestionnaireResponseItemComponent find(
      List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items, String linkId, boolean response) {
    for (QuestionnaireResponse.QuestionnaireResponseItemComponent i : items) {
      if (i.getLinkId().equals(linkId)) {
        return i;
      }
      var f = find(i.getItem(), linkId, true);
      if (f != null) {
        return f;
      }
    }
    return null;
  }
}
