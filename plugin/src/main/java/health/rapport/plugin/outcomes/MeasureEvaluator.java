package health.rapport.plugin.outcomes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Measure.MeasureGroupComponent;
import org.hl7.fhir.r4.model.Measure.MeasureGroupPopulationComponent;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupPopulationComponent;
import org.hl7.fhir.r4.model.MeasureReport.StratifierGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Counts a shipped Measure's populations over loaded courses and writes the MeasureReport. Each population
 * counts within the one that encloses it (initial population, then denominator or measure population, then
 * numerator), less the denominator exclusions; a proportion's score is numerator / (denominator − exclusions),
 * a continuous variable's the median of its observations. A subject-list report lists the patients of each
 * population in a contained List.
 */
public final class MeasureEvaluator {

    static final String POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population";
    static final String INITIAL = "initial-population";
    static final String DENOMINATOR = "denominator";
    static final String EXCLUSION = "denominator-exclusion";
    static final String NUMERATOR = "numerator";
    static final String MEASURE_POPULATION = "measure-population";
    static final String OBSERVATION = "measure-observation";

    /** The counts of one group or stratum, with the patients behind each. */
    private static final class Tally {
        final Map<String, Long> counts = new LinkedHashMap<>();
        final Map<String, Set<String>> patients = new LinkedHashMap<>();
        final List<Integer> observations = new ArrayList<>();

        void add(String code, long n, String patient) {
            counts.merge(code, n, Long::sum);
            if (n > 0) {
                patients.computeIfAbsent(code, c -> new LinkedHashSet<>()).add(patient);
            }
        }
    }

    public MeasureReport evaluate(Measure measure, List<Course> courses, Cohort cohort, boolean subjectList) {
        MeasureReport report = new MeasureReport();
        report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        report.setType(subjectList ? MeasureReport.MeasureReportType.SUBJECTLIST : MeasureReport.MeasureReportType.SUMMARY);
        report.setMeasure(measure.getUrl() + "|" + measure.getVersion());
        report.setDate(new Date());
        report.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType(cohort.periodStart().toString()))
                .setEndElement(new org.hl7.fhir.r4.model.DateTimeType(cohort.periodEnd().toString()));
        report.setImprovementNotation(measure.getImprovementNotation());
        String scoring = measure.getScoring().getCodingFirstRep().getCode();
        int lists = 0;
        for (MeasureGroupComponent group : measure.getGroup()) {
            MeasureReportGroupComponent out = report.addGroup();
            out.setCode(group.getCode());
            Tally all = tally(group, courses);
            lists = write(report, out.getPopulation(), group, all, scoring, subjectList, lists);
            score(out::setMeasureScore, all, scoring);
            for (Measure.MeasureGroupStratifierComponent stratifier : group.getStratifier()) {
                StratifierRule rule = OutcomeRules.stratifier(stratifier.getCriteria());
                MeasureReport.MeasureReportGroupStratifierComponent strata = out.addStratifier();
                strata.addCode(stratifier.getCode());
                Map<String, Coding> values = new LinkedHashMap<>();
                Map<String, List<Course>> members = new LinkedHashMap<>();
                for (Course course : courses) {
                    for (Coding value : rule.strata(course)) {
                        values.putIfAbsent(value.getCode(), value);
                        members.computeIfAbsent(value.getCode(), c -> new ArrayList<>()).add(course);
                    }
                }
                for (Map.Entry<String, List<Course>> stratum : members.entrySet()) {
                    StratifierGroupComponent s = strata.addStratum();
                    s.setValue(new CodeableConcept(values.get(stratum.getKey()).copy()));
                    Tally t = tally(group, stratum.getValue());
                    for (MeasureGroupPopulationComponent p : group.getPopulation()) {
                        String code = code(p);
                        if (!OBSERVATION.equals(code)) {
                            s.addPopulation().setCode(p.getCode()).setCount(Math.toIntExact(t.counts.getOrDefault(code, 0L)));
                        }
                    }
                    score(s::setMeasureScore, t, scoring);
                }
            }
        }
        return report;
    }

    private static Tally tally(MeasureGroupComponent group, List<Course> courses) {
        Tally tally = new Tally();
        Map<String, PopulationRule> rules = new LinkedHashMap<>();
        ObservationRule observation = null;
        for (MeasureGroupPopulationComponent p : group.getPopulation()) {
            if (OBSERVATION.equals(code(p))) {
                observation = OutcomeRules.observation(p.getCriteria());
            } else {
                rules.put(code(p), OutcomeRules.population(p.getCriteria()));
            }
        }
        for (Course course : courses) {
            long initial = apply(rules, INITIAL, course, Long.MAX_VALUE);
            tally.add(INITIAL, initial, course.patient());
            long denominator = apply(rules, DENOMINATOR, course, initial);
            tally.add(DENOMINATOR, denominator, course.patient());
            long excluded = apply(rules, EXCLUSION, course, denominator);
            tally.add(EXCLUSION, excluded, course.patient());
            long remaining = rules.containsKey(EXCLUSION) && excluded > 0 ? 0 : denominator;
            tally.add(NUMERATOR, apply(rules, NUMERATOR, course, remaining), course.patient());
            long measured = apply(rules, MEASURE_POPULATION, course, initial);
            tally.add(MEASURE_POPULATION, measured, course.patient());
            if (observation != null && measured > 0) {
                tally.observations.add(observation.observe(course));
            }
        }
        rules.keySet().forEach(code -> tally.counts.putIfAbsent(code, 0L));
        tally.counts.keySet().retainAll(rules.keySet());
        return tally;
    }

    /** The population's count for a course within its enclosing population's count ({@code within}). */
    private static long apply(Map<String, PopulationRule> rules, String code, Course course, long within) {
        PopulationRule rule = rules.get(code);
        if (rule == null || within == 0) {
            return 0;
        }
        return Math.min(within, rule.count(course));
    }

    private static int write(MeasureReport report, List<MeasureReportGroupPopulationComponent> out,
            MeasureGroupComponent group, Tally tally, String scoring, boolean subjectList, int lists) {
        for (MeasureGroupPopulationComponent p : group.getPopulation()) {
            String code = code(p);
            MeasureReportGroupPopulationComponent population = new MeasureReportGroupPopulationComponent();
            population.setCode(p.getCode());
            population.setCount(Math.toIntExact(OBSERVATION.equals(code) ? tally.observations.size()
                    : tally.counts.getOrDefault(code, 0L)));
            if (subjectList && !OBSERVATION.equals(code)) {
                ListResource list = new ListResource();
                list.setId("subjects-" + (++lists));
                list.setStatus(ListResource.ListStatus.CURRENT);
                list.setMode(ListResource.ListMode.SNAPSHOT);
                list.setTitle("Patients in the " + code + " population");
                tally.patients.getOrDefault(code, Set.of()).stream().sorted()
                        .forEach(patient -> list.addEntry().setItem(new Reference(patient)));
                report.addContained(list);
                population.setSubjectResults(new Reference("#" + list.getId()));
            }
            out.add(population);
        }
        return lists;
    }

    private static void score(java.util.function.Consumer<Quantity> target, Tally tally, String scoring) {
        if ("continuous-variable".equals(scoring)) {
            median(tally.observations).ifPresent(m -> target.accept(new Quantity().setValue(m)));
            return;
        }
        long denominator = tally.counts.getOrDefault(DENOMINATOR, 0L) - tally.counts.getOrDefault(EXCLUSION, 0L);
        if (denominator > 0) {
            target.accept(new Quantity().setValue(BigDecimal.valueOf(tally.counts.getOrDefault(NUMERATOR, 0L))
                    .divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP)));
        }
    }

    static java.util.Optional<BigDecimal> median(List<Integer> values) {
        if (values.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<Integer> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        BigDecimal m = n % 2 == 1 ? BigDecimal.valueOf(sorted.get(n / 2))
                : BigDecimal.valueOf(sorted.get(n / 2 - 1) + sorted.get(n / 2)).divide(BigDecimal.valueOf(2), 1, RoundingMode.UNNECESSARY);
        return java.util.Optional.of(m);
    }

    private static String code(MeasureGroupPopulationComponent p) {
        return p.getCode().getCoding().stream().filter(c -> POPULATION.equals(c.getSystem())).map(Coding::getCode)
                .findFirst().orElse("");
    }
}
