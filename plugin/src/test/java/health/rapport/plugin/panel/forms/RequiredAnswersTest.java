package health.rapport.plugin.panel.forms;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.fhir.testing.RapportContent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;

class RequiredAnswersTest {

    private static final String AREA = "https://rapport-ipt.org/fhir/CodeSystem/ipt-problem-area";

    private final Questionnaire inventory = FormContent.library().byId(Questionnaire.class, "interpersonal-inventory")
            .orElseThrow();

    @Test
    void theShippedExampleInventoryLacksNothing() {
        QuestionnaireResponse example = RapportContent.load(RapportContent.EXAMPLES,
                "QuestionnaireResponse-example-maya-inventory.json", QuestionnaireResponse.class);
        assertThat(RequiredAnswers.missing(inventory, example.getItem())).isEmpty();
    }

    @Test
    void namesRequiredItemsLeftOutIncludingInsideRepeatedGroups() {
        QuestionnaireResponse response = new QuestionnaireResponse();
        QuestionnaireResponseItemComponent relationship = response.addItem().setLinkId("relationships")
                .addItem().setLinkId("relationship");
        relationship.addItem().setLinkId("relationship.person").addAnswer().setValue(new org.hl7.fhir.r4.model.StringType("Sam"));
        // The optional quality group is there (one answer in it), so its required closeness is due.
        relationship.addItem().setLinkId("relationship.quality").addItem().setLinkId("relationship.can-confide")
                .addAnswer().setValue(new org.hl7.fhir.r4.model.BooleanType(true));
        assertThat(RequiredAnswers.missing(inventory, response.getItem()))
                .anyMatch(m -> m.contains("(relationship.type)"))
                .anyMatch(m -> m.contains("(relationship.closeness)"))
                .noneMatch(m -> m.contains("(relationship.person)"))
                .noneMatch(m -> m.contains("formulation.primary.problem-area"));
    }

    @Test
    void aHiddenItemIsNotRequiredAndAShownOneIs() {
        QuestionnaireResponse grief = formulation("grief");
        assertThat(RequiredAnswers.missing(inventory, grief.getItem()))
                .noneMatch(m -> m.contains("formulation.primary.dispute-stage"));
        QuestionnaireResponse dispute = formulation("role-dispute");
        assertThat(RequiredAnswers.missing(inventory, dispute.getItem()))
                .anyMatch(m -> m.contains("(formulation.primary.dispute-stage)"));
    }

    private static QuestionnaireResponse formulation(String area) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        QuestionnaireResponseItemComponent formulation = response.addItem().setLinkId("formulation");
        formulation.addItem().setLinkId("formulation.primary").addItem().setLinkId("formulation.primary.problem-area")
                .addAnswer().setValue(new Coding(AREA, area, null));
        return response;
    }
}
