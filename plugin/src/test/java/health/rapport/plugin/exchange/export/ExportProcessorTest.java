package health.rapport.plugin.exchange.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.panel.forms.FormContent;
import health.rapport.plugin.safety.ChartSafety;
import health.rapport.plugin.safety.ClinicalRules;
import health.rapport.plugin.testsupport.ExpectedFhir;
import health.rapport.plugin.testsupport.FakeFhir;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The export on fixtures ({@code exchange/export/course/}: a grief course in its middle phase whose chart holds a
 * private goal labelled PSYTHPN, a countertransference activity, an activity and a note labelled PSYTHPN, and a
 * PHQ-9 from before the course): the document, compared with {@code expected/Bundle-document.json}.
 */
class ExportProcessorTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    static ExportProcessor exporter(FakeFhir fhir) {
        return ExportProcessor.create(fhir.store(), FormContent.library(), FHIR,
                new ChartSafety(fhir.store(), ClinicalRules.defaults().safety()), "0.1.0");
    }

    private static <T extends Resource> List<T> entries(Bundle document, Class<T> type) {
        return FakeFhir.written(document, type);
    }

    @Test
    void theDocumentHoldsTheCourseWithoutAnyPsychotherapyNote() {
        FakeFhir fhir = FakeFhir.of("exchange/export/course");

        Bundle document = exporter(fhir).export("p1");

        ExpectedFhir.assertMatches(document, "exchange/export/course/expected/Bundle-document.json");
        assertThat(document.getEntry()).extracting(e -> e.getResource())
                .noneMatch(PrivacyLabels::isProcessNote);
        assertThat(entries(document, Goal.class)).extracting(g -> g.getDescription().getText())
                .containsExactly("Talk about her mother's death with her sister");
        CarePlan plan = entries(document, CarePlan.class).get(0);
        assertThat(plan.getMeta().getProfile().get(0).getValue()).isEqualTo(Canonicals.PROFILE_CAREPLAN_SHAREABLE);
        assertThat(plan.getActivity()).extracting(a -> a.getDetail().getCode().getCodingFirstRep().getCode())
                .doesNotContain("countertransference-reflection", "transference-exploration")
                .contains("facilitate-mourning");
        assertThat(plan.getNote()).extracting(n -> n.getText())
                .containsExactly("Agreed to bring the photo album to session 5.");
        assertThat(plan.hasText()).as("the sender's narrative stays behind").isFalse();
    }

    @Test
    void referencesToWhatDoesNotTravelKeepOnlyTheirWords() {
        Bundle document = exporter(FakeFhir.of("exchange/export/course")).export("p1");

        CarePlan plan = entries(document, CarePlan.class).get(0);
        assertThat(plan.getGoal()).extracting(Reference::getReference).containsOnly("Goal/g1", null);
        assertThat(plan.getGoal()).filteredOn(r -> !r.hasReference()).extracting(Reference::getDisplay)
                .containsExactly("Private goal");
        assertThat(plan.getSupportingInfo()).filteredOn(r -> !r.hasReference()).extracting(Reference::getDisplay)
                .containsExactly("PHQ-9 (session 4)");
        assertThat(plan.getAuthor().hasReference()).as("the Practitioner does not travel").isFalse();
    }

    @Test
    void thePatientTravelsWithWhatMatchingNeedsAndTheScoresOfThisCourseOnly() {
        Bundle document = exporter(FakeFhir.of("exchange/export/course")).export("p1");

        Patient patient = entries(document, Patient.class).get(0);
        assertThat(patient.hasTelecom()).isFalse();
        assertThat(patient.hasAddress()).isFalse();
        assertThat(patient.getIdentifier()).extracting(i -> i.getSystem()).contains("https://ehr.example.org/mrn");
        assertThat(entries(document, Observation.class)).extracting(o -> o.getValueIntegerType().getValue())
                .as("the PHQ-9 of January was before the course began").containsExactly(19, 1, 8);
        Composition summary = (Composition) document.getEntryFirstRep().getResource();
        String narrative = FHIR.newJsonParser().encodeResourceToString(summary);
        assertThat(narrative).contains("Grief");
        assertThat(document.getMeta().getSecurity()).extracting(c -> c.getCode()).doesNotContain("PSYTHPN");
    }

    @Test
    void aPlanThatIsItselfAProcessNoteIsNeverShared() {
        FakeFhir fhir = FakeFhir.of("exchange/export/course");
        CarePlan plan = fhir.resource(CarePlan.class, "c1");
        PrivacyLabels.processNote(plan);
        fhir.add(plan);

        assertThatThrownBy(() -> exporter(fhir).export("p1")).isInstanceOf(OperationFailure.class)
                .hasMessageContaining("never shared").extracting(e -> ((OperationFailure) e).status()).isEqualTo(422);
    }
}
