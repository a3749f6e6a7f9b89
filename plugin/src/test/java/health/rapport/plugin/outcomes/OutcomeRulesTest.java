package health.rapport.plugin.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.app.forms.FormContent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Measure;
import org.junit.jupiter.api.Test;

/** Every criterion of every shipped Measure names a rule class, and every rule class serves a shipped Measure. */
class OutcomeRulesTest {

    private static final Set<String> SCORING = Set.of("proportion", "continuous-variable");

    @Test
    void everyShippedCriterionNamesARule() {
        List<Measure> measures = measures();
        assertThat(measures).hasSize(9);
        for (Measure measure : measures) {
            assertThat(SCORING).as("scoring of %s", measure.getId()).contains(measure.getScoring().getCodingFirstRep().getCode());
            for (Measure.MeasureGroupComponent group : measure.getGroup()) {
                for (Measure.MeasureGroupPopulationComponent population : group.getPopulation()) {
                    Expression criteria = population.getCriteria();
                    assertThat(criteria.getLanguage()).isEqualTo(OutcomeRules.LANGUAGE);
                    assertThat(population.getDescription()).as("criterion in words").hasSizeGreaterThan(10);
                    String code = population.getCode().getCodingFirstRep().getCode();
                    if (code.equals("measure-observation")) {
                        assertThat(OutcomeRules.observation(criteria)).isNotNull();
                    } else {
                        assertThat(OutcomeRules.population(criteria)).isNotNull();
                    }
                }
                group.getStratifier().forEach(s -> assertThat(OutcomeRules.stratifier(s.getCriteria())).isNotNull());
            }
        }
    }

    @Test
    void everyRuleClassServesAShippedMeasure() {
        Set<String> named = new HashSet<>();
        for (Measure measure : measures()) {
            measure.getGroup().forEach(g -> {
                g.getPopulation().forEach(p -> named.add(p.getCriteria().getExpression()));
                g.getStratifier().forEach(s -> named.add(s.getCriteria().getExpression()));
            });
        }
        List<String> rules = new ArrayList<>();
        for (Class<?> type : List.of(EndedCourse.class, CompletedCourse.class, EndedWithoutAgreement.class,
                DepressionCaseAtBaseline.class, DepressionResponse.class, DepressionRemission.class, MeasuredAgain.class,
                ReliableImprovement.class, ReliableDeterioration.class, CaseAtBaseline.class, ReliableRecovery.class,
                AttendedSessionsOfCourse.class, SessionsWithFeedback.class, TechniquesPlanned.class,
                TechniquesDelivered.class, SessionsAttended.class, ProblemArea.class)) {
            rules.add(type.getSimpleName());
        }
        assertThat(named).containsExactlyInAnyOrderElementsOf(rules);
    }

    private static List<Measure> measures() {
        return FormContent.library().resources().stream().filter(Measure.class::isInstance).map(Measure.class::cast).toList();
    }
}
