package health.rapport.plugin.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.rapport.fhir.testing.RapportContent;
import health.rapport.plugin.panel.forms.FormContent;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.safety.ClinicalRules;
import health.rapport.plugin.store.CallerToken;
import health.rapport.plugin.store.ChartStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupPopulationComponent;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Each shipped Measure on the hand-checked cohort ({@code outcome-cohort/README.md}): the FHIR server's answers
 * are the fixture's resources by type (a mock: what the server's own date filters would narrow, Rapport
 * narrows again per course), and the counts must be those worked out by hand in {@code expected-counts.json}.
 */
class OutcomeMeasuresTest {

    private static final Bundle COHORT = RapportContent.fixture("outcome-cohort/Bundle-outcome-cohort.json", Bundle.class);
    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate END = LocalDate.of(2026, 3, 31);

    private final ChartStore store = mock(ChartStore.class);
    private final OutcomeMeasures measures = new OutcomeMeasures(FormContent.library(), store, ClinicalRules.defaults());

    OutcomeMeasuresTest() {
        for (String type : List.of("CarePlan", "Encounter", "Observation", "QuestionnaireResponse")) {
            Bundle answer = new Bundle().setType(Bundle.BundleType.SEARCHSET);
            of(type).forEach(r -> answer.addEntry().setResource(r));
            when(store.search(startsWith(type + "?"))).thenReturn(answer);
        }
        when(store.nextPage(any())).thenReturn(Optional.empty());
        when(store.read(eq(Group.class), eq("oc-cohort"))).thenReturn((Group) of("Group").get(0));
    }

    @Test
    void everyMeasureCountsTheHandCheckedCohort() throws IOException {
        JsonNode expected = expected().path("measures");
        assertThat(expected.size()).isEqualTo(measures.measures().size());
        for (var it = expected.fields(); it.hasNext(); ) {
            var measure = it.next();
            MeasureReport report = measures.evaluate(new OutcomeMeasures.Request(measure.getKey(), START, END, false,
                    Optional.empty(), Optional.of("oc-cohort")));
            MeasureReport.MeasureReportGroupComponent group = report.getGroupFirstRep();
            JsonNode counts = measure.getValue();
            for (MeasureReportGroupPopulationComponent population : group.getPopulation()) {
                String code = population.getCode().getCodingFirstRep().getCode();
                assertThat(population.getCount()).as("%s %s", measure.getKey(), code).isEqualTo(counts.path(code).asInt());
            }
            assertThat(group.getPopulation()).as(measure.getKey()).hasSize(counts.size() - (counts.has("strata") ? 2 : 1));
            assertThat(group.getMeasureScore().getValue().doubleValue()).as("%s score", measure.getKey())
                    .isEqualTo(counts.path("score").asDouble());
            if (counts.has("strata")) {
                var strata = group.getStratifierFirstRep().getStratum();
                assertThat(strata).hasSize(counts.path("strata").size());
                strata.forEach(s -> s.getPopulation().forEach(p -> assertThat(p.getCount())
                        .as("%s %s %s", measure.getKey(), s.getValue().getCodingFirstRep().getCode(), p.getCode().getCodingFirstRep().getCode())
                        .isEqualTo(counts.path("strata").path(s.getValue().getCodingFirstRep().getCode())
                                .path(p.getCode().getCodingFirstRep().getCode()).asInt())));
            }
        }
    }

    @Test
    void aSubjectListNamesTheCallingClinicianOwnPatientsOnly() throws IOException {
        JsonNode expected = expected().path("practitioner pr-a, subject-list");
        try (var scope = CallerToken.bind("token-of-pr-a", Optional.of("pr-a"))) {
            for (var it = expected.fields(); it.hasNext(); ) {
                var measure = it.next();
                MeasureReport report = measures.evaluate(new OutcomeMeasures.Request(measure.getKey(), START, END, true,
                        Optional.empty(), Optional.of("oc-cohort")));
                assertThat(report.getType()).isEqualTo(MeasureReport.MeasureReportType.SUBJECTLIST);
                for (MeasureReportGroupPopulationComponent population : report.getGroupFirstRep().getPopulation()) {
                    String code = population.getCode().getCodingFirstRep().getCode();
                    if (!measure.getValue().has(code)) {
                        continue;
                    }
                    List<String> listed = list(report, population).getEntry().stream()
                            .map(e -> e.getItem().getReference()).toList();
                    List<String> wanted = new ArrayList<>();
                    measure.getValue().path(code).forEach(p -> wanted.add(p.asText()));
                    assertThat(listed).as("%s %s", measure.getKey(), code).containsExactlyElementsOf(wanted);
                    assertThat(population.getCount()).isEqualTo(wanted.size());
                }
            }
            assertThatThrownBy(() -> measures.evaluate(new OutcomeMeasures.Request("ipt-response", START, END, true,
                    Optional.of("pr-b"), Optional.empty())))
                    .isInstanceOfSatisfying(OperationFailure.class, f -> assertThat(f.status()).isEqualTo(403));
        }
    }

    @Test
    void refusesWhatIsNotAShippedMeasureOrAPeriod() {
        assertThatThrownBy(() -> measures.evaluate(new OutcomeMeasures.Request("no-such-measure", START, END, false,
                Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(OperationFailure.class, f -> assertThat(f.status()).isEqualTo(404));
        assertThatThrownBy(() -> measures.evaluate(new OutcomeMeasures.Request("ipt-response", END, START, false,
                Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(OperationFailure.class, f -> assertThat(f.status()).isEqualTo(400));
        assertThatThrownBy(() -> measures.evaluate(new OutcomeMeasures.Request("ipt-response", START, START.plusYears(11),
                false, Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(OperationFailure.class, f -> assertThat(f.status()).isEqualTo(400));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(MeasureEvaluator.median(List.of(16, 3, 8, 10))).hasValueSatisfying(m -> assertThat(m.doubleValue()).isEqualTo(9.0));
        assertThat(MeasureEvaluator.median(List.of(7, 3, 8))).hasValueSatisfying(m -> assertThat(m.intValue()).isEqualTo(7));
        assertThat(MeasureEvaluator.median(List.of())).isEmpty();
    }

    private static ListResource list(MeasureReport report, MeasureReportGroupPopulationComponent population) {
        String id = population.getSubjectResults().getReference().substring(1);
        return report.getContained().stream().filter(r -> id.equals(r.getIdElement().getIdPart()))
                .map(ListResource.class::cast).findFirst().orElseThrow();
    }

    private static List<Resource> of(String type) {
        return COHORT.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r.fhirType().equals(type)).toList();
    }

    private static JsonNode expected() throws IOException {
        try (InputStream in = OutcomeMeasuresTest.class.getClassLoader()
                .getResourceAsStream("outcome-cohort/expected-counts.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
