package health.rapport.plugin.cds;

import health.rapport.plugin.content.Displays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Condition;

/**
 * No open IPT course, and a current Condition from the site's eligibility list or value set:
 * suggests enrolment. Without an eligibility list this rule never fires (Rapport has no
 * diagnosis codes of its own).
 */
final class EnrolmentCardRule implements CardRule {

    private static final Set<String> NOT_CURRENT = Set.of("inactive", "remission", "resolved");
    private static final Set<String> NOT_TRUE = Set.of("refuted", "entered-in-error");

    private final List<PrefetchQuery> eligibility;
    private final Set<String> codes;
    private final Displays displays;

    /**
     * @param eligibility the eligibility queries ({@link PrefetchQuery#eligibility})
     * @param codes the configured {@code system|code} list: a prefetched Condition of the code-list
     *     query must carry one of them, in case the EHR's prefetch was wider than the template
     * @param displays how a condition's code is named on the card
     */
    EnrolmentCardRule(List<PrefetchQuery> eligibility, Set<String> codes, Displays displays) {
        this.eligibility = List.copyOf(eligibility);
        this.codes = Set.copyOf(codes);
        this.displays = displays;
    }

    @Override
    public List<PrefetchQuery> needs() {
        if (eligibility.isEmpty()) {
            return List.of();
        }
        List<PrefetchQuery> needs = new java.util.ArrayList<>(eligibility);
        needs.add(0, PrefetchQuery.CARE_PLAN);
        return needs;
    }

    @Override
    public List<Card> cards(ChartData chart, CardContext context) {
        if (eligibility.isEmpty() || OpenPlan.of(chart).isPresent()) {
            return List.of();
        }
        List<Condition> conditions = eligibility.stream()
                .flatMap(q -> chart.get(q, Condition.class).stream()
                        .filter(c -> !q.key().equals(PrefetchQuery.ELIGIBLE_BY_CODE) || listed(c)))
                .filter(EnrolmentCardRule::current)
                .toList();
        if (conditions.isEmpty()) {
            return List.of();
        }
        String names = conditions.stream().map(c -> displays.of(c.getCode())).distinct().collect(Collectors.joining(", "));
        String detail = "The patient has no open IPT course and a condition your service lists as eligible for "
                + "Interpersonal Psychotherapy: " + names + ".";
        return List.of(Card.of(Texts.summary("Eligible for IPT: " + names), detail, Card.Indicator.INFO,
                CardSettings.OVERRIDE_REASONS,
                List.of(Card.Link.smart("Enrol in IPT", context.appLaunchUrl(), "enrol=Patient/" + chart.patientId()))));
    }

    private boolean listed(Condition condition) {
        return condition.getCode().getCoding().stream().anyMatch(c -> codes.contains(c.getSystem() + "|" + c.getCode()));
    }

    private static boolean current(Condition condition) {
        String clinical = condition.getClinicalStatus().getCodingFirstRep().getCode();
        String verification = condition.getVerificationStatus().getCodingFirstRep().getCode();
        return (clinical == null || !NOT_CURRENT.contains(clinical))
                && (verification == null || !NOT_TRUE.contains(verification));
    }
}
