package health.rapport.plugin.exchange.document;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.panel.forms.FormContent;
import health.rapport.plugin.safety.ChartSafety;
import health.rapport.plugin.safety.ClinicalRules;
import health.rapport.plugin.testsupport.ExpectedFhir;
import health.rapport.plugin.testsupport.FakeFhir;
import java.time.Instant;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The care summary's narrative for a course early on ({@code exchange/document/role-dispute-without-measures/}: a
 * role dispute at impasse, no goals, no scores, no PHQ-9 at all): it says what is not there rather than leaving a
 * section empty, and names the dispute's stage. The grief course with scores is composed in {@code export.ExportProcessorTest}.
 */
class CareSummaryComposerTest {

    private static final String CASE = "exchange/document/role-dispute-without-measures";

    @Test
    void aCourseWithoutMeasuresSaysSoAndNamesTheDisputeStage() {
        FakeFhir fhir = FakeFhir.of(CASE);
        Patient patient = fhir.resource(Patient.class, "p2");
        CarePlan plan = fhir.resource(CarePlan.class, "c2");
        SharedRecord shared = new SharedRecord(patient, plan, List.of(), List.of(), List.of(), Optional.empty());
        Map<Resource, String> fullUrls = new IdentityHashMap<>();
        fullUrls.put(patient, FakeFhir.BASE + "/Patient/p2");
        fullUrls.put(plan, FakeFhir.BASE + "/CarePlan/c2");
        Instant now = Instant.parse("2025-04-01T10:00:00Z");

        Composition summary = CareSummaryComposer.create(FormContent.library(), "0.1.0").compose(shared, fullUrls, Date.from(now), "R",
                new ChartSafety(fhir.store(), ClinicalRules.defaults().safety()).of("p2", now));

        ExpectedFhir.assertMatches(summary, CASE + "/expected/Composition-summary.json");
        assertThat(section(summary, "Problem area")).contains("Role dispute (stage: Impasse)");
        assertThat(section(summary, "Goals")).contains("No goals recorded yet.");
        assertThat(section(summary, "Measures")).contains("No measures recorded in this course yet.");
        assertThat(section(summary, "Safety: PHQ-9 item 9")).contains("No PHQ-9 item 9 answer on record");
        assertThat(summary.getSubject().getReference()).isEqualTo(FakeFhir.BASE + "/Patient/p2");
    }

    private static String section(Composition composition, String title) {
        return composition.getSection().stream().filter(s -> title.equals(s.getTitle())).findFirst().orElseThrow()
                .getText().getDivAsString();
    }
}
