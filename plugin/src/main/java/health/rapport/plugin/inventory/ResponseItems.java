package health.rapport.plugin.inventory;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;

/** Reading answers from the item tree of a QuestionnaireResponse by linkId. */
final class ResponseItems {

    private ResponseItems() {
    }

    /** The child items with this linkId, in order (the repetitions of a repeating group). */
    static List<QuestionnaireResponseItemComponent> children(List<QuestionnaireResponseItemComponent> items, String linkId) {
        return items.stream().filter(i -> linkId.equals(i.getLinkId())).toList();
    }

    static Optional<QuestionnaireResponseItemComponent> child(QuestionnaireResponseItemComponent parent, String linkId) {
        return children(parent.getItem(), linkId).stream().findFirst();
    }

    static Optional<QuestionnaireResponseItemAnswerComponent> answer(QuestionnaireResponseItemComponent parent, String linkId) {
        return child(parent, linkId).flatMap(i -> i.getAnswer().stream().findFirst());
    }

    static Optional<Coding> coding(QuestionnaireResponseItemComponent parent, String linkId) {
        return answer(parent, linkId).filter(QuestionnaireResponseItemAnswerComponent::hasValueCoding)
                .map(a -> a.getValueCoding().copy());
    }

    static Optional<String> string(QuestionnaireResponseItemComponent parent, String linkId) {
        return answer(parent, linkId).filter(QuestionnaireResponseItemAnswerComponent::hasValueStringType)
                .map(a -> a.getValueStringType().getValue())
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    static Optional<Boolean> bool(QuestionnaireResponseItemComponent parent, String linkId) {
        return answer(parent, linkId).filter(QuestionnaireResponseItemAnswerComponent::hasValueBooleanType)
                .map(a -> a.getValueBooleanType().getValue());
    }

    static OptionalInt integer(QuestionnaireResponseItemComponent parent, String linkId) {
        return answer(parent, linkId).filter(QuestionnaireResponseItemAnswerComponent::hasValueIntegerType)
                .map(a -> OptionalInt.of(a.getValueIntegerType().getValue()))
                .orElse(OptionalInt.empty());
    }
}
