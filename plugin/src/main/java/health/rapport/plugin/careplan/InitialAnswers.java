package health.rapport.plugin.careplan;

import java.util.Optional;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemInitialComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;

/**
 * SDC population of defaults: "if a question has a default, the default answer should be populated". The
 * response item for a Questionnaire item carrying {@code initial} answers (or holding such items in its groups),
 * with the groups above it; items without defaults are left out, as the chart has nothing to say about them.
 */
final class InitialAnswers {

    private InitialAnswers() {
    }

    static Optional<QuestionnaireResponseItemComponent> of(QuestionnaireItemComponent item) {
        QuestionnaireResponseItemComponent answered = new QuestionnaireResponseItemComponent().setLinkId(item.getLinkId());
        if (item.hasText()) {
            answered.setText(item.getText());
        }
        for (QuestionnaireItemInitialComponent initial : item.getInitial()) {
            answered.addAnswer().setValue(initial.getValue().copy());
        }
        for (QuestionnaireItemComponent child : item.getItem()) {
            of(child).ifPresent(answered::addItem);
        }
        return answered.hasAnswer() || answered.hasItem() ? Optional.of(answered) : Optional.empty();
    }
}
