package health.rapport.plugin.panel.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.Test;

class FormQuestionnairesTest {

    private final FormQuestionnaires forms = new FormQuestionnaires(FormContent.library());

    @Test
    void everyFormHasItsChoicesInlineAndNoCanonicalLeftToResolve() {
        for (String id : FormQuestionnaires.FORMS) {
            Questionnaire form = forms.form(id).orElseThrow();
            List<QuestionnaireItemComponent> choices = new ArrayList<>();
            collect(form.getItem(), choices);
            assertThat(choices).as(id).allSatisfy(item -> {
                assertThat(item.hasAnswerValueSet()).as(item.getLinkId()).isFalse();
                assertThat(item.getAnswerOption()).as(item.getLinkId()).isNotEmpty();
            });
        }
    }

    @Test
    void expandsWholeCodeSystemsAndEnumeratedConceptsWithTheirDisplays() {
        Questionnaire inventory = forms.form("interpersonal-inventory").orElseThrow();
        List<Coding> areas = find(inventory.getItem(), "formulation.primary.problem-area").getAnswerOption().stream()
                .map(o -> o.getValueCoding()).toList();
        assertThat(areas).extracting(Coding::getCode)
                .containsExactly("grief", "role-dispute", "role-transition", "interpersonal-deficits");
        assertThat(areas).extracting(Coding::getDisplay).contains("Role dispute");
        List<Coding> types = find(inventory.getItem(), "relationship.type").getAnswerOption().stream()
                .map(o -> o.getValueCoding()).toList();
        assertThat(types).anySatisfy(c -> {
            assertThat(c.getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v3-RoleCode");
            assertThat(c.getCode()).isEqualTo("SPS");
            assertThat(c.getDisplay()).isEqualTo("spouse");
        });
        assertThat(types).anySatisfy(c -> assertThat(c.getSystem()).endsWith("/CodeSystem/relationship-role"));
    }

    @Test
    void theShippedDefinitionIsNotChangedAndUnknownFormsAreNotServed() {
        forms.form("interpersonal-inventory").orElseThrow();
        Questionnaire shipped = FormContent.library().byId(Questionnaire.class, "interpersonal-inventory").orElseThrow();
        assertThat(find(shipped.getItem(), "relationship.type").hasAnswerValueSet()).isTrue();
        assertThat(forms.form("not-a-form")).isEmpty();
        assertThat(forms.form("../phq-9")).isEmpty();
    }

    private static void collect(List<QuestionnaireItemComponent> items, List<QuestionnaireItemComponent> into) {
        for (QuestionnaireItemComponent item : items) {
            if (item.getType() == Questionnaire.QuestionnaireItemType.CHOICE) {
                into.add(item);
            }
            collect(item.getItem(), into);
        }
    }

    static QuestionnaireItemComponent find(List<QuestionnaireItemComponent> items, String linkId) {
        for (QuestionnaireItemComponent item : items) {
            if (item.getLinkId().equals(linkId)) {
                return item;
            }
            QuestionnaireItemComponent nested = find(item.getItem(), linkId);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }
}
