package health.rapport.plugin.exchange.document;

import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.content.Displays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * The relapse-prevention plan in words: each answered question with its answers, questions
 * worded as in the Questionnaire the response answered. Every line is the patient's own text
 * and is escaped by the narrative builder.
 */
final class RelapsePlanSummary {

    private final ContentLibrary library;
    private final Displays displays;

    RelapsePlanSummary(ContentLibrary library) {
        this.library = library;
        this.displays = new Displays(library);
    }

    List<String> lines(QuestionnaireResponse response) {
        Map<String, String> questions = new HashMap<>();
        library.resolve(Questionnaire.class, response.getQuestionnaire())
                .ifPresent(q -> collect(q.getItem(), questions));
        List<String> lines = new ArrayList<>();
        walk(response.getItem(), questions, lines);
        return lines;
    }

    private static void collect(List<Questionnaire.QuestionnaireItemComponent> items, Map<String, String> into) {
        for (Questionnaire.QuestionnaireItemComponent item : items) {
            into.put(item.getLinkId(), item.getText());
            collect(item.getItem(), into);
        }
    }

    private void walk(List<QuestionnaireResponseItemComponent> items, Map<String, String> questions,
            List<String> lines) {
        for (QuestionnaireResponseItemComponent item : items) {
            if (item.hasAnswer()) {
                List<String> answers = item.getAnswer().stream().map(this::answer)
                        .filter(a -> !a.isBlank()).toList();
                String question = item.hasText() ? item.getText() : questions.getOrDefault(item.getLinkId(), item.getLinkId());
                lines.add(question + ": " + String.join("; ", answers));
            }
            walk(item.getItem(), questions, lines);
            item.getAnswer().forEach(a -> walk(a.getItem(), questions, lines));
        }
    }

    private String answer(QuestionnaireResponseItemAnswerComponent answer) {
        if (answer.getValue() instanceof Coding coding) {
            return displays.of(coding);
        }
        return answer.hasValue() && answer.getValue().isPrimitive() ? answer.getValue().primitiveValue() : "";
    }
}
