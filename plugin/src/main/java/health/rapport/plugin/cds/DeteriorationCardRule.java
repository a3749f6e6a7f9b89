package health.rapport.plugin.cds;

import health.rapport.plugin.careplan.IptCarePlan;
import health.rapport.plugin.measures.CourseResponses;
import health.rapport.plugin.measures.TreatmentResponse;
import health.rapport.plugin.measures.TreatmentResponseEvaluator;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Observation;

/**
 * Reliable deterioration on PHQ-9 or GAD-7 at any session (routine outcome feedback helps most when it
 * flags patients who are getting worse early: Lambert's feedback research): a warning to review the
 * plan and the risk, with the evaluator's reasons.
 */
final class DeteriorationCardRule implements CardRule {

    private final CourseResponses responses;

    DeteriorationCardRule(TreatmentResponseEvaluator evaluator) {
        this.responses = new CourseResponses(evaluator);
    }

    @Override
    public List<PrefetchQuery> needs() {
        return List.of(PrefetchQuery.CARE_PLAN, PrefetchQuery.SCORES);
    }

    @Override
    public List<Card> cards(ChartData chart, CardContext context) {
        List<Card> cards = new ArrayList<>();
        OpenPlan.of(chart).ifPresent(plan -> {
            IptCarePlan course = IptCarePlan.of(plan);
            for (TreatmentResponse response : responses.deteriorations(course.start(), course.completedSessions(),
                    chart.get(PrefetchQuery.SCORES, Observation.class))) {
                cards.add(card(plan, response, context));
            }
        });
        return cards;
    }

    private static Card card(CarePlan plan, TreatmentResponse response, CardContext context) {
        StringBuilder detail = new StringBuilder();
        response.reasons().forEach(r -> detail.append("- ").append(r).append('\n'));
        String summary = response.instrument().title() + " reliably worse (" + response.baseline().total() + " → "
                + response.latest().total() + "): review the plan and the risk";
        return Card.of(Texts.summary(summary), detail.toString(), Card.Indicator.WARNING, CardSettings.OVERRIDE_REASONS,
                List.of(Card.Link.smart("Review the plan", context.appLaunchUrl(),
                        "review=CarePlan/" + plan.getIdElement().getIdPart())));
    }
}
