package health.rapport.plugin.panel.forms;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.measures.Fixtures;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.junit.jupiter.api.Test;

/** The session record for the shipped example course (CarePlan-example-maya-ipt): its planned work first. */
class PlannedFirstTest {

    private final FormQuestionnaires forms = new FormQuestionnaires(FormContent.library());
    private final CarePlan plan = Fixtures.shippedExample("CarePlan-example-maya-ipt.json", CarePlan.class);

    @Test
    void thePlansWorkStillToDoComesFirstInTheShippedOrderThenTheRest() {
        Questionnaire shared = forms.form("session-record").orElseThrow();
        Questionnaire ordered = PlannedFirst.order(shared, plan);

        assertThat(codes(ordered, "tasks")).startsWith("since-we-last-met", "clarify-nonreciprocal-expectations")
                .containsExactlyInAnyOrderElementsOf(codes(shared, "tasks"));
        // The rest keeps the shipped order.
        List<String> rest = codes(shared, "tasks").stream()
                .filter(c -> !List.of("since-we-last-met", "clarify-nonreciprocal-expectations").contains(c)).toList();
        assertThat(codes(ordered, "tasks").subList(2, codes(ordered, "tasks").size())).isEqualTo(rest);
        assertThat(codes(ordered, "techniques").get(0)).isEqualTo("communication-analysis");
        // A scheduled activity is planned too.
        assertThat(codes(ordered, "interventions").subList(0, 2)).containsExactlyInAnyOrder("assertiveness-training",
                "countertransference-reflection");
        assertThat(codes(ordered, "completed").subList(0, 5)).containsExactlyInAnyOrder("since-we-last-met",
                "clarify-nonreciprocal-expectations", "communication-analysis", "assertiveness-training",
                "countertransference-reflection");
    }

    @Test
    void doneWorkIsNotPlannedAndTheSharedFormIsNotChanged() {
        Questionnaire shared = forms.form("session-record").orElseThrow();
        List<String> shipped = codes(shared, "techniques");
        CarePlan done = plan.copy();
        done.getActivity().forEach(a -> a.getDetail().setStatus(CarePlan.CarePlanActivityStatus.COMPLETED));

        assertThat(codes(PlannedFirst.order(shared, done), "techniques")).isEqualTo(shipped);
        PlannedFirst.order(shared, plan);
        assertThat(codes(forms.form("session-record").orElseThrow(), "techniques")).isEqualTo(shipped);
        assertThat(shipped.get(0)).isNotEqualTo("communication-analysis");
    }

    private static List<String> codes(Questionnaire form, String linkId) {
        QuestionnaireItemComponent item = form.getItem().stream().filter(i -> linkId.equals(i.getLinkId())).findFirst()
                .orElseThrow();
        return item.getAnswerOption().stream().map(o -> o.getValueCoding().getCode()).toList();
    }
}
