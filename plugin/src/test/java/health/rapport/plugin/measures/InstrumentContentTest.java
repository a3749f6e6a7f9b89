package health.rapport.plugin.measures;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.fhir.Canonicals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemAnswerOptionComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The scorer's assumptions hold for the shipped Questionnaires: linkIds, LOINC codes, answer weights. */
class InstrumentContentTest {

    @ParameterizedTest
    @EnumSource(Instrument.class)
    void shippedQuestionnaireHasTheScoredItemsWithTheWeightsTheScorerUses(Instrument instrument) {
        Questionnaire q = Fixtures.content(
                instrument == Instrument.PHQ9 ? "Questionnaire-phq-9.json" : "Questionnaire-gad-7.json", Questionnaire.class);
        assertThat(q.getUrl()).isEqualTo(instrument.questionnaire());
        List<QuestionnaireItemComponent> all = flatten(q.getItem());
        Map<String, QuestionnaireItemComponent> byLinkId =
                all.stream().collect(Collectors.toMap(QuestionnaireItemComponent::getLinkId, i -> i));

        for (String linkId : instrument.itemLinkIds()) {
            QuestionnaireItemComponent item = byLinkId.get(linkId);
            assertThat(item).as("item %s", linkId).isNotNull();
            assertThat(item.getCodeFirstRep().getSystem()).isEqualTo(Canonicals.LOINC);
            assertThat(item.getCodeFirstRep().getCode()).isEqualTo(linkId);
            assertThat(item.getAnswerOption()).hasSize(4);
            for (QuestionnaireItemAnswerOptionComponent option : item.getAnswerOption()) {
                String code = option.getValueCoding().getCode();
                BigDecimal ordinal = ((DecimalType) option.getExtensionByUrl(Canonicals.EXT_ORDINAL_VALUE).getValue()).getValue();
                assertThat(ordinal.intValueExact()).as("%s %s", linkId, code).isEqualTo(AnswerWeight.LL358_3.get(code));
            }
        }
        // The calculated total is the item the scorer ignores; its LOINC code is the Observation's.
        assertThat(byLinkId.get(instrument.totalCode()).getReadOnly()).isTrue();
        assertThat(byLinkId.get(instrument.totalCode()).getCodeFirstRep().getDisplay()).isEqualTo(instrument.totalDisplay());
        // Every choice item with LL358-3 weights is scored: none forgotten.
        List<String> weighted = all.stream()
                .filter(i -> i.getAnswerOption().stream().anyMatch(o -> o.hasExtension(Canonicals.EXT_ORDINAL_VALUE)))
                .map(QuestionnaireItemComponent::getLinkId).toList();
        assertThat(weighted).containsExactlyElementsOf(instrument.itemLinkIds());
        if (instrument.hasSafetyItem()) {
            assertThat(byLinkId.get(Instrument.PHQ9_ITEM9).getCodeFirstRep().getDisplay()).isEqualTo(Instrument.PHQ9_ITEM9_DISPLAY);
        }
    }

    private static List<QuestionnaireItemComponent> flatten(List<QuestionnaireItemComponent> items) {
        List<QuestionnaireItemComponent> out = new ArrayList<>();
        for (QuestionnaireItemComponent i : items) {
            out.add(i);
            out.addAll(flatten(i.getItem()));
        }
        return out;
    }
}
