package health.rapport.plugin.cds;

import health.rapport.plugin.careplan.QuestionnaireTasks;
import health.rapport.plugin.fhir.Canonicals;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Task;

/**
 * The questionnaires waiting for the patient (requested Tasks of Rapport's Questionnaires), with
 * a link that opens Rapport's app to fill them.
 */
final class MeasuresDueCardRule implements CardRule {

    private static final Map<String, String> TITLES = Map.of(
            Canonicals.QUESTIONNAIRE_PHQ9, "PHQ-9",
            Canonicals.QUESTIONNAIRE_GAD7, "GAD-7",
            Canonicals.QUESTIONNAIRE_INVENTORY, "Interpersonal Inventory",
            Canonicals.QUESTIONNAIRE_SESSION_FEEDBACK, "session feedback",
            Canonicals.QUESTIONNAIRE_RELAPSE_PLAN, "relapse-prevention plan");

    @Override
    public List<PrefetchQuery> needs() {
        return List.of(PrefetchQuery.REQUESTED_TASKS);
    }

    @Override
    public List<Card> cards(ChartData chart, CardContext context) {
        List<Task> due = chart.get(PrefetchQuery.REQUESTED_TASKS, Task.class).stream()
                .filter(t -> t.getStatus() == Task.TaskStatus.REQUESTED)
                .filter(t -> title(t).isPresent())
                .toList();
        if (due.isEmpty()) {
            return List.of();
        }
        List<String> titles = due.stream().map(t -> title(t).orElseThrow()).distinct().toList();
        String detail = due.stream()
                .map(t -> "- " + (t.hasDescription() ? t.getDescription() : title(t).orElseThrow()))
                .collect(Collectors.joining("\n"));
        String tasks = due.stream().map(t -> "Task/" + t.getIdElement().getIdPart()).collect(Collectors.joining(","));
        return List.of(Card.of(Texts.summary("Due: " + String.join(", ", titles)), detail, Card.Indicator.INFO, List.of(),
                List.of(Card.Link.smart("Fill in with Rapport", context.appLaunchUrl(), "tasks=" + tasks))));
    }

    private static Optional<String> title(Task task) {
        return QuestionnaireTasks.questionnaire(task).map(Canonicals::url)
                .map(TITLES::get);
    }
}
