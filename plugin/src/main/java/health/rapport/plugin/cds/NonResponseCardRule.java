package health.rapport.plugin.cds;

import health.rapport.plugin.careplan.IptCarePlan;
import health.rapport.plugin.measures.AdaptationSuggestion;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.ResponseStatus;
import health.rapport.plugin.measures.SessionScore;
import health.rapport.plugin.measures.TreatmentResponse;
import health.rapport.plugin.measures.TreatmentResponseEvaluator;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;

/**
 * Non-response by the review session (docs/clinical-rules.md §4), judged by {@link TreatmentResponseEvaluator}
 * on the course's PHQ-9 totals: suggests adapting the plan, with the evaluator's reasons.
 * The series is read by {@link MeasureSeries}, with the same rules as processing.
 */
final class NonResponseCardRule implements CardRule {

    private final TreatmentResponseEvaluator evaluator;

    NonResponseCardRule(TreatmentResponseEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public List<PrefetchQuery> needs() {
        return List.of(PrefetchQuery.CARE_PLAN, PrefetchQuery.SCORES);
    }

    @Override
    public List<Card> cards(ChartData chart, CardContext context) {
        return OpenPlan.of(chart).flatMap(plan -> {
            int session = IptCarePlan.of(plan).completedSessions();
            List<SessionScore> scores = MeasureSeries.of(chart, plan, Instrument.PHQ9, session);
            if (scores.isEmpty()) {
                return java.util.Optional.<Card>empty();
            }
            TreatmentResponse response = evaluator.evaluate(Instrument.PHQ9, scores, session);
            return response.status() == ResponseStatus.NON_RESPONSE
                    ? java.util.Optional.of(card(plan, response, context)) : java.util.Optional.<Card>empty();
        }).stream().toList();
    }

    private Card card(CarePlan plan, TreatmentResponse response, CardContext context) {
        StringBuilder detail = new StringBuilder();
        response.reasons().forEach(r -> detail.append("- ").append(r).append('\n'));
        detail.append("\nConsider:\n");
        for (AdaptationSuggestion suggestion : response.suggestions()) {
            detail.append("- ").append(suggestion.text()).append('\n');
        }
        String summary = "No PHQ-9 response by session " + evaluator.nonResponseSession()
                + " (" + response.baseline().total() + " → " + response.latest().total() + "): consider adapting the plan";
        return Card.of(Texts.summary(summary), detail.toString(), Card.Indicator.WARNING, CardSettings.OVERRIDE_REASONS,
                List.of(Card.Link.smart("Review and adapt the plan", context.appLaunchUrl(),
                        "adapt=CarePlan/" + plan.getIdElement().getIdPart())));
    }
}
