package health.rapport.plugin.cds;

import health.rapport.plugin.careplan.IptCarePlan;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.measures.AdaptationSuggestion;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.ResponseStatus;
import health.rapport.plugin.measures.SessionScore;
import health.rapport.plugin.measures.TreatmentResponse;
import health.rapport.plugin.measures.TreatmentResponseEvaluator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Observation;

/**
 * Non-response by the review session (CLINICAL.md §5), judged by {@link TreatmentResponseEvaluator}
 * on the course's PHQ-9 totals: suggests adapting the plan, with the evaluator's reasons.
 *
 * <p>Score Observations carry no session number. The evaluator only uses their order (first is
 * the baseline, last the latest) and the course's current session, so the totals are ordered by
 * effective time and numbered 0, 1, 2... capped at the sessions completed.
 */
final class NonResponseCardRule implements CardRule {

    private static final Set<Observation.ObservationStatus> SCORED = Set.of(Observation.ObservationStatus.FINAL,
            Observation.ObservationStatus.AMENDED, Observation.ObservationStatus.CORRECTED);

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
            List<SessionScore> scores = totals(chart, plan, session);
            if (scores.isEmpty()) {
                return java.util.Optional.<Card>empty();
            }
            TreatmentResponse response = evaluator.evaluate(Instrument.PHQ9, scores, session);
            return response.status() == ResponseStatus.NON_RESPONSE
                    ? java.util.Optional.of(card(plan, response, context)) : java.util.Optional.<Card>empty();
        }).stream().toList();
    }

    private static List<SessionScore> totals(ChartData chart, CarePlan plan, int session) {
        Date start = plan.getPeriod().getStart();
        List<Observation> totals = chart.get(PrefetchQuery.SCORES, Observation.class).stream()
                .filter(o -> SCORED.contains(o.getStatus()))
                .filter(o -> o.getCode().getCoding().stream().anyMatch(
                        c -> Canonicals.LOINC.equals(c.getSystem()) && Instrument.PHQ9.totalCode().equals(c.getCode())))
                .filter(o -> o.hasValueIntegerType() && o.getValueIntegerType().getValue() != null)
                .filter(o -> o.hasEffectiveDateTimeType() && o.getEffectiveDateTimeType().getValue() != null)
                .filter(o -> start == null || !o.getEffectiveDateTimeType().getValue().before(start))
                .sorted(Comparator.comparing((Observation o) -> o.getEffectiveDateTimeType().getValue()))
                .toList();
        List<SessionScore> scores = new ArrayList<>();
        for (int i = 0; i < totals.size(); i++) {
            scores.add(new SessionScore(Math.min(i, session), totals.get(i).getValueIntegerType().getValue()));
        }
        return scores;
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
