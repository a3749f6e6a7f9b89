package health.rapport.plugin.cds;

import health.rapport.plugin.careplan.IptCarePlan;
import health.rapport.plugin.content.Displays;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CarePlan;

/** Where the open IPT course stands: phase, sessions done of the contract, sessions left, focus. */
final class CourseStatusCardRule implements CardRule {

    private final Displays displays;

    CourseStatusCardRule(Displays displays) {
        this.displays = displays;
    }

    @Override
    public List<PrefetchQuery> needs() {
        return List.of(PrefetchQuery.CARE_PLAN);
    }

    @Override
    public List<Card> cards(ChartData chart, CardContext context) {
        return OpenPlan.of(chart).map(plan -> card(plan, context)).stream().toList();
    }

    private Card card(CarePlan resource, CardContext context) {
        IptCarePlan plan = IptCarePlan.of(resource);
        String phase = plan.phase().map(p -> displays.of(p.coding())).orElse("phase not set");
        int done = plan.completedSessions();
        int contracted = plan.contractedSessions();
        String sessions = contracted > 0
                ? done + " of " + contracted + " sessions done, " + Math.max(contracted - done, 0) + " left"
                : done + " sessions done";
        String areas = plan.problemAreas().stream().map(displays::of).collect(Collectors.joining(", "));
        StringBuilder detail = new StringBuilder("- Phase: ").append(phase).append('\n')
                .append("- Sessions: ").append(sessions).append('\n')
                .append("- Problem area: ").append(areas.isEmpty() ? "not chosen yet" : areas);
        plan.disputeStage().ifPresent(stage -> detail.append(" (dispute stage: ").append(displays.of(stage)).append(')'));
        String summary = "IPT " + phase.toLowerCase(java.util.Locale.ROOT) + ": " + sessions
                + (areas.isEmpty() ? "" : "; " + areas);
        return Card.of(Texts.summary(summary), detail.toString(), Card.Indicator.INFO, List.of(),
                List.of(Card.Link.smart("Open the IPT plan", context.appLaunchUrl(),
                        "carePlan=CarePlan/" + resource.getIdElement().getIdPart())));
    }
}
