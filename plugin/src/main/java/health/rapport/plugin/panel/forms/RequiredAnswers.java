package health.rapport.plugin.panel.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemEnableWhenComponent;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Type;

/**
 * The required items a completed response leaves unanswered, so that a form is refused before
 * anything is stored rather than saved as a response that does not conform to its Questionnaire.
 * An item hidden by {@code enableWhen} is not required; conditions are evaluated as SDC says for
 * the operators Rapport's questionnaires use ({@code exists}, {@code =}, {@code !=}), looking for
 * the question in the same group repetition first, then in the whole response.
 */
final class RequiredAnswers {

    private RequiredAnswers() {
    }

    static List<String> missing(Questionnaire questionnaire, List<QuestionnaireResponseItemComponent> response) {
        List<String> missing = new ArrayList<>();
        check(questionnaire.getItem(), response, response, missing);
        return missing;
    }

    private static void check(List<QuestionnaireItemComponent> definitions, List<QuestionnaireResponseItemComponent> here,
            List<QuestionnaireResponseItemComponent> all, List<String> missing) {
        for (QuestionnaireItemComponent definition : definitions) {
            if (definition.getType() == Questionnaire.QuestionnaireItemType.DISPLAY || !enabled(definition, here, all)) {
                continue;
            }
            List<QuestionnaireResponseItemComponent> given = here.stream()
                    .filter(i -> definition.getLinkId().equals(i.getLinkId())).toList();
            boolean answered = definition.getType() == Questionnaire.QuestionnaireItemType.GROUP
                    ? !given.isEmpty() : given.stream().anyMatch(i -> i.getAnswer().stream().anyMatch(a -> a.getValue() != null));
            if (!answered && definition.getRequired()) {
                missing.add((definition.hasText() ? definition.getText() : definition.getLinkId())
                        + " (" + definition.getLinkId() + ")");
            }
            for (QuestionnaireResponseItemComponent repetition : given) {
                check(definition.getItem(), repetition.getItem(), all, missing);
            }
        }
    }

    private static boolean enabled(QuestionnaireItemComponent definition, List<QuestionnaireResponseItemComponent> here,
            List<QuestionnaireResponseItemComponent> all) {
        if (!definition.hasEnableWhen()) {
            return true;
        }
        boolean any = definition.getEnableBehavior() == Questionnaire.EnableWhenBehavior.ANY;
        for (QuestionnaireItemEnableWhenComponent condition : definition.getEnableWhen()) {
            boolean met = met(condition, answers(condition.getQuestion(), here)
                    .or(() -> answers(condition.getQuestion(), all)).orElse(List.of()));
            if (any && met) {
                return true;
            }
            if (!any && !met) {
                return false;
            }
        }
        return !any;
    }

    private static boolean met(QuestionnaireItemEnableWhenComponent condition, List<Type> answers) {
        return switch (condition.getOperator()) {
            case EXISTS -> condition.getAnswerBooleanType().booleanValue() == !answers.isEmpty();
            case EQUAL -> answers.stream().anyMatch(a -> same(a, condition.getAnswer()));
            case NOT_EQUAL -> answers.stream().noneMatch(a -> same(a, condition.getAnswer()));
            // Not used by Rapport's questionnaires: count the item as shown, so it is never skipped silently.
            default -> true;
        };
    }

    private static boolean same(Type answer, Type expected) {
        if (answer instanceof Coding a && expected instanceof Coding e) {
            return Objects.equals(a.getSystem(), e.getSystem()) && Objects.equals(a.getCode(), e.getCode());
        }
        return answer.equalsDeep(expected) || Objects.equals(answer.primitiveValue(), expected.primitiveValue());
    }

    /** The answers of the first item with {@code linkId} at any depth of {@code items}. */
    private static Optional<List<Type>> answers(String linkId, List<QuestionnaireResponseItemComponent> items) {
        for (QuestionnaireResponseItemComponent item : items) {
            if (linkId.equals(item.getLinkId())) {
                return Optional.of(item.getAnswer().stream().map(QuestionnaireResponseItemAnswerComponent::getValue)
                        .filter(Objects::nonNull).toList());
            }
            Optional<List<Type>> nested = answers(linkId, item.getItem());
            if (nested.isPresent()) {
                return nested;
            }
        }
        return Optional.empty();
    }
}
