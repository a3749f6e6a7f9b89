package health.rapport.plugin.cds;

import health.rapport.plugin.alliance.AllianceRule;
import health.rapport.plugin.alliance.AllianceSeries;
import health.rapport.plugin.alliance.AllianceWarning;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Observation;

/**
 * A possible alliance rupture (the session alliance score low, or dropping from the patient's own
 * mean): a warning to check in with the patient, with the repair options of the model. Only while an
 * IPT course is open: the score belongs to the therapy, not to the chart at large.
 */
final class AllianceCardRule implements CardRule {

    private final AllianceRule rule;

    AllianceCardRule(AllianceRule rule) {
        this.rule = rule;
    }

    @Override
    public List<PrefetchQuery> needs() {
        return List.of(PrefetchQuery.CARE_PLAN, PrefetchQuery.ALLIANCE_SCORES);
    }

    @Override
    public List<Card> cards(ChartData chart, CardContext context) {
        return OpenPlan.of(chart).flatMap(plan -> rule.check(AllianceSeries.of(
                chart.get(PrefetchQuery.ALLIANCE_SCORES, Observation.class)))
                .map(warning -> List.of(card(warning, plan, context)))).orElse(List.of());
    }

    private static Card card(AllianceWarning warning, CarePlan plan, CardContext context) {
        StringBuilder detail = new StringBuilder(warning.reason()).append("\n\nRepair options:\n");
        AllianceWarning.REPAIR_OPTIONS.forEach(o -> detail.append("- ").append(o).append('\n'));
        return Card.of(Texts.summary(AllianceWarning.HEADLINE), detail.toString(), Card.Indicator.WARNING,
                CardSettings.OVERRIDE_REASONS, List.of(Card.Link.smart("Open the IPT course", context.appLaunchUrl(),
                        "carePlan=CarePlan/" + plan.getIdElement().getIdPart())));
    }
}
