package health.rapport.plugin.outcomes;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Expression;

/**
 * The rule classes a shipped Measure's {@code criteria} may name: an {@code Expression} in the language
 * {@value #LANGUAGE} whose {@code expression} is the simple name of one of these classes. Without a CQL
 * engine, this is how each population criterion is "in code" (docs/clinical-rules.md §8).
 */
public final class OutcomeRules {

    /** The expression language of Rapport's outcome rules. */
    public static final String LANGUAGE = "text/x-rapport-rule";

    private static final Map<String, PopulationRule> POPULATIONS = byName(List.of(new EndedCourse(),
            new CompletedCourse(), new EndedWithoutAgreement(), new DepressionCaseAtBaseline(), new DepressionResponse(),
            new DepressionRemission(), new MeasuredAgain(), new ReliableImprovement(), new ReliableDeterioration(),
            new CaseAtBaseline(), new ReliableRecovery(), new AttendedSessionsOfCourse(), new SessionsWithFeedback(),
            new TechniquesPlanned(), new TechniquesDelivered()));
    private static final Map<String, ObservationRule> OBSERVATIONS = byName(List.of(new SessionsAttended()));
    private static final Map<String, StratifierRule> STRATIFIERS = byName(List.of(new ProblemArea()));

    private OutcomeRules() {
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
        T rule = criteria != null && LANGUAGE.equals(criteria.getLanguage()) ? rules.get(criteria.getExpression()) : null;
        if (rule == null) {
            // Only shipped Measures are evaluated, and a test checks each of their criteria: this is a defect.
            throw new IllegalStateException("no Rapport rule for the criterion "
                    + (criteria == null ? "(none)" : criteria.getLanguage() + " " + criteria.getExpression()));
        }
        return rule;
    }

    private static <T> Map<String, T> byName(List<T> rules) {
        return rules.stream().collect(Collectors.toUnmodifiableMap(r -> r.getClass().getSimpleName(), Function.identity()));
    }
}
