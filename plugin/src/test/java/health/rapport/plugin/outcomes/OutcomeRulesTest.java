package health.rapport.plugin.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.panel.forms.FormContent;
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
    /** The criteria the course's plan alone decides: their FHIRPath runs on the CarePlan. */
    private static final java.util.Map<String, CourseRule> PLAN_RULES = java.util.Map.of("EndedCourse", new EndedCourse(),
            "CompletedCourse", new CompletedCourse(), "EndedWithoutAgreement", new EndedWithoutAgreement(),
            "TechniquesPlanned", new TechniquesPlanned(), "TechniquesDelivered", new TechniquesDelivered());

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
                    assertThat(criteria.getExpression()).as("FHIRPath of %s", criteria.getName())
                            .satisfiesAnyOf(e -> assertThat(e).isEqualTo("%" + criteria.getName()),
                                    e -> assertThat(PLAN_RULES).containsKey(criteria.getName()));
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
                g.getPopulation().forEach(p -> named.add(p.getCriteria().getName()));
                g.getStratifier().forEach(s -> named.add(s.getCriteria().getName()));
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

    /**
     * On every CarePlan of the hand-checked cohort, the FHIRPath of each plan-decided criterion (run by HAPI) and
     * the rule class it names agree, and so do the problem-area stratifier's.
     */
    @Test
    void thePlanCriteriaInFhirPathAgreeWithTheirRules() {
        org.hl7.fhir.r4.model.Bundle cohort = health.rapport.fhir.testing.RapportContent.fixture(
                "outcome-cohort/Bundle-outcome-cohort.json", org.hl7.fhir.r4.model.Bundle.class);
        var fhirPath = ca.uhn.fhir.context.FhirContext.forR4Cached().newFhirPath();
        java.util.Map<String, String> expressions = new java.util.HashMap<>();
        measures().forEach(m -> m.getGroup().forEach(g -> {
            g.getPopulation().forEach(p -> expressions.put(p.getCriteria().getName(), p.getCriteria().getExpression()));
            g.getStratifier().forEach(st -> expressions.put(st.getCriteria().getName(), st.getCriteria().getExpression()));
        }));
        int plans = 0;
        for (var entry : cohort.getEntry()) {
            if (!(entry.getResource() instanceof org.hl7.fhir.r4.model.CarePlan plan)) {
                continue;
            }
            plans++;
            health.rapport.plugin.careplan.CourseEnding ending =
                    health.rapport.plugin.careplan.CourseEnding.of(plan).orElse(null);
            if (ending == null) {
                assertThat(fhirPath.evaluate(plan, expressions.get("EndedCourse"), org.hl7.fhir.r4.model.BooleanType.class))
                        .extracting(org.hl7.fhir.r4.model.BooleanType::booleanValue).containsExactly(false);
                continue;
            }
            Course course = new Course("Patient/x", plan, ending, java.time.LocalDate.of(2026, 1, 1),
                    java.time.LocalDate.of(2026, 3, 31), List.of(), java.util.Map.of(), List.of(),
                    new health.rapport.plugin.measures.TreatmentResponseEvaluator());
            for (var rule : PLAN_RULES.entrySet()) {
                assertThat(fhirPath.evaluate(plan, expressions.get(rule.getKey()), org.hl7.fhir.r4.model.BooleanType.class))
                        .as("%s on %s", rule.getKey(), plan.getIdPart())
                        .extracting(org.hl7.fhir.r4.model.BooleanType::booleanValue)
                        .containsExactly(rule.getValue().test(course));
            }
            assertThat(fhirPath.evaluate(plan, expressions.get("ProblemArea"), org.hl7.fhir.r4.model.Coding.class))
                    .extracting(org.hl7.fhir.r4.model.Coding::getCode)
                    .containsExactlyElementsOf(new ProblemArea().strata(course).stream()
                            .map(org.hl7.fhir.r4.model.Coding::getCode).toList());
        }
        assertThat(plans).isEqualTo(10);
    }

    private static List<Measure> measures() {
        return FormContent.library().resources().stream().filter(Measure.class::isInstance).map(Measure.class::cast).toList();
    }
}
