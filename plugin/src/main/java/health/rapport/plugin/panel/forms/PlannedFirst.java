package health.rapport.plugin.panel.forms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import health.rapport.plugin.sessions.SessionRecord;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemAnswerOptionComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;

/**
 * The session record for one patient: among the tasks, techniques and interventions to choose from, those the
 * patient's plan still has to do (an activity not yet completed, cancelled or stopped) come first, in the shipped
 * order, then the others. Nothing is added or taken away, and no display changes: the choices are the shipped
 * CodeSystems' either way.
 */
public final class PlannedFirst {

    /** The session record's items whose choices are work the plan may name. */
    static final Set<String> WORK_ITEMS = Set.of("tasks", "techniques", "interventions", "completed");

    private static final Set<CarePlanActivityStatus> DONE = Set.of(CarePlanActivityStatus.COMPLETED,
            CarePlanActivityStatus.CANCELLED, CarePlanActivityStatus.STOPPED, CarePlanActivityStatus.ENTEREDINERROR);

    private PlannedFirst() {
    }

    /** A copy of {@code form} (the shared renderable one, left unchanged) ordered for the patient's {@code plan}. */
    public static Questionnaire order(Questionnaire form, CarePlan plan) {
        List<Coding> planned = planned(plan);
        Questionnaire copy = form.copy();
        if (!planned.isEmpty()) {
            order(copy.getItem(), planned);
        }
        return copy;
    }

    /** The codes of the plan's activities still to do. */
    static List<Coding> planned(CarePlan plan) {
        List<Coding> codes = new ArrayList<>();
        for (CarePlan.CarePlanActivityComponent activity : plan.getActivity()) {
            if (!DONE.contains(activity.getDetail().getStatus())) {
                codes.addAll(activity.getDetail().getCode().getCoding());
            }
        }
        return codes;
    }

    private static void order(List<QuestionnaireItemComponent> items, List<Coding> planned) {
        for (QuestionnaireItemComponent item : items) {
            if (WORK_ITEMS.contains(item.getLinkId()) && item.hasAnswerOption()) {
                List<QuestionnaireItemAnswerOptionComponent> options = new ArrayList<>(item.getAnswerOption());
                // A stable sort: planned ones first, each group in the shipped order.
                options.sort(Comparator.comparing((QuestionnaireItemAnswerOptionComponent o) -> !isPlanned(o, planned)));
                item.setAnswerOption(options);
            }
            order(item.getItem(), planned);
        }
    }

    private static boolean isPlanned(QuestionnaireItemAnswerOptionComponent option, List<Coding> planned) {
        if (!option.hasValueCoding()) {
            return false;
        }
        return planned.stream().anyMatch(p -> SessionRecord.same(option.getValueCoding(), p));
    }
}
