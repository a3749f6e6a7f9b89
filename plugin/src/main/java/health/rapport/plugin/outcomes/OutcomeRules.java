package health.rapport.plugin.outcomes;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Measure;

/**
 * The rule classes a shipped Measure's {@code criteria} name: an {@code Expression} in FHIRPath whose
 * {@code name} is the simple name of one of these classes. Its {@code expression} is the same criterion in
 * FHIRPath: on the course's CarePlan where the plan alone decides (checked against the rule by a test), or
 * else the environment variable {@code %<name>}, which stands for the rule's answer. Without a CQL engine,
 * Rapport evaluates the named rule (docs/clinical-rules.md §9).
 */
public final class OutcomeRules {

    /** The expression language of the shipped criteria (R4's ExpressionLanguage: the only one that fits and validates). */
    public static final String LANGUAGE = "text/fhirpath";

    private static final Map<String, PopulationRule> POPULATIONS = byName(List.of(new EndedCourse(),
            new CompletedCourse(), new EndedWithoutAgreement(), new DepressionCaseAtBaseline(), new DepressionResponse(),
            new DepressionRemission(), new MeasuredAgain(), new ReliableImprovement(), new ReliableDeterioration(),
            new CaseAtBaseline(), new ReliableRecovery(), new AttendedSessionsOfCourse(), new SessionsWithFeedback(),
            new TechniquesPlanned(), new TechniquesDelivered()));
    private static final Map<String, ObservationRule> OBSERVATIONS = byName(List.of(new SessionsAttended()));
    private static final Map<String, StratifierRule> STRATIFIERS = byName(List.of(new ProblemArea()));

    private OutcomeRules() {
    }

    /** What {@code measure}'s rules read besides the plans. */
    public static Set<CourseData> reads(Measure measure) {
        Set<CourseData> reads = EnumSet.noneOf(CourseData.class);
        for (Measure.MeasureGroupComponent group : measure.getGroup()) {
            for (Measure.MeasureGroupPopulationComponent p : group.getPopulation()) {
                reads.addAll("measure-observation".equals(p.getCode().getCodingFirstRep().getCode())
                        ? observation(p.getCriteria()).reads() : population(p.getCriteria()).reads());
            }
        }
        return reads;
    }

    public static PopulationRule population(Expression criteria) {
        return find(POPULATIONS, criteria);
    }

    public static ObservationRule observation(Expression criteria) {
        return find(OBSERVATIONS, criteria);
    }

    public static StratifierRule stratifier(Expression criteria) {
        return find(STRATIFIERS, criteria);
    }

    private static <T> T find(Map<String, T> rules, Expression criteria) {
        T rule = criteria != null && LANGUAGE.equals(criteria.getLanguage()) ? rules.get(criteria.getName()) : null;
        if (rule == null) {
            // Only shipped Measures are evaluated, and a test checks each of their criteria: this is a defect.
            throw new IllegalStateException("no Rapport rule for the criterion "
                    + (criteria == null ? "(none)" : criteria.getName() + " (" + criteria.getLanguage() + ")"));
        }
        return rule;
    }

    private static <T> Map<String, T> byName(List<T> rules) {
        return rules.stream().collect(Collectors.toUnmodifiableMap(r -> r.getClass().getSimpleName(), Function.identity()));
    }
}
