package health.rapport.plugin.cds;

import health.rapport.plugin.careplan.IptCarePlan;
import health.rapport.plugin.measures.AdaptationSuggestion;
import health.rapport.plugin.measures.CourseResponses;
import health.rapport.plugin.measures.TreatmentResponse;
import health.rapport.plugin.measures.TreatmentResponseEvaluator;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Observation;

/**
 * Non-response by the review session (docs/clinical-rules.md §4), judged by {@link TreatmentResponseEvaluator}
 * on the course's PHQ-9 totals: suggests adapting the plan, with the evaluator's reasons.
 * The judgement is {@link CourseResponses}', which the caseload shares.
 */
final class NonResponseCardRule implements CardRule {

    private final CourseResponses responses;

    NonResponseCardRule(TreatmentResponseEvaluator evaluator) {
        this.responses = new CourseResponses(evaluator);
    }

    @Override
    public List<PrefetchQuery> needs() {
        return List.of(PrefetchQuery.CARE_PLAN, PrefetchQuery.SCORES);
    }

    @Override
    public List<Card> cards(ChartData chart, CardContext context) {
        return OpenPlan.of(chart).flatMap(plan -> {
            IptCarePlan course = IptCarePlan.of(plan);
            return responses.nonResponse(course.start(), course.completedSessions(),
                    chart.get(PrefetchQuery.SCORES, Observation.class)).map(response -> card(plan, response, context));
        }).stream().toList();
    }

    private Card card(CarePlan plan, TreatmentResponse response, CardContext context) {
        StringBuilder detail = new StringBuilder();
        response.reasons().forEach(r -> detail.append("- ").append(r).append('\n'));
        detail.append("\nConsider:\n");
        for (AdaptationSuggestion suggestion : response.suggestions()) {
            detail.append("- ").append(suggestion.text()).append('\n');
        }
        String summary = "No PHQ-9 response by session " + responses.nonResponseSession()
                + " (" + response.baseline().total() + " → " + response.latest().total() + "): consider adapting the plan";
        return Card.of(Texts.summary(summary), detail.toString(), Card.Indicator.WARNING, CardSettings.OVERRIDE_REASONS,
                List.of(Card.Link.smart("Review and adapt the plan", context.appLaunchUrl(),
                        "adapt=CarePlan/" + plan.getIdElement().getIdPart())));
    }
}
