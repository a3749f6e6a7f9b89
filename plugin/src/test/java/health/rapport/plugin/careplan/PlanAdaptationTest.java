package health.rapport.plugin.careplan;

import static health.rapport.plugin.testsupport.FakeFhir.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.panel.forms.FormContent;
import health.rapport.plugin.testsupport.ExpectedFhir;
import health.rapport.plugin.testsupport.FakeFhir;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * Adaptations the clinician chooses, on the middle-phase course of {@code careplan/advance/middle/}: the
 * intervention joins the current phase, and one documented as a process note is labelled PSYTHPN so that it
 * never leaves with the shareable plan.
 */
class PlanAdaptationTest {

    private static final Reference CLINICIAN = new Reference("Practitioner/t1");

    private static PlanAdaptation adaptation(FakeFhir fhir) {
        return new PlanAdaptation(fhir.store(), FormContent.library(), "0.1.0");
    }

    private static Coding intervention(String code) {
        return new Coding(Canonicals.CS_INTERVENTION, code, null);
    }

    private static CarePlanActivityComponent added(CarePlan plan, String code) {
        return plan.getActivity().stream().filter(a -> a.getDetail().getCode().getCoding().stream()
                .anyMatch(c -> code.equals(c.getCode()))).findFirst().orElseThrow();
    }

    @Test
    void aProcessNoteInterventionIsLabelledPsythpnOnItsActivity() {
        FakeFhir fhir = FakeFhir.of("careplan/advance/middle");

        CarePlan after = adaptation(fhir).addIntervention("c1", intervention("countertransference-reflection"), "6", CLINICIAN);

        ExpectedFhir.assertMatches(fhir.onlyTransaction(), "careplan/adapt/expected/Bundle-countertransference.json");
        CarePlanActivityComponent activity = added(after, "countertransference-reflection");
        assertThat(activity.getExtensionsByUrl(Canonicals.EXT_SECURITY_LABEL))
                .anyMatch(e -> "PSYTHPN".equals(((Coding) e.getValue()).getCode()));
        assertThat(IptPhase.of(((Coding) activity.getExtensionByUrl(Canonicals.EXT_PHASE).getValue()).getCode()))
                .hasValue(IptPhase.MIDDLE);
    }

    @Test
    void anOrdinaryInterventionIsNotLabelledAndIsAddedOnce() {
        FakeFhir fhir = FakeFhir.of("careplan/advance/middle");
        PlanAdaptation adaptation = adaptation(fhir);

        CarePlan after = adaptation.addIntervention("c1", intervention("behavioural-activation"), null, CLINICIAN);
        adaptation.addIntervention("c1", intervention("behavioural-activation"), null, CLINICIAN);

        assertThat(added(after, "behavioural-activation").getExtensionsByUrl(Canonicals.EXT_SECURITY_LABEL)).isEmpty();
        assertThat(fhir.transactions()).as("the second adaptation finds it already there").hasSize(1);
        assertThat(written(fhir.onlyTransaction(), CarePlan.class).get(0).getActivity()).filteredOn(a -> a.getDetail()
                .getCode().getCoding().stream().anyMatch(c -> "behavioural-activation".equals(c.getCode()))).hasSize(1);
    }

    @Test
    void onlyRapportsInterventionsOnlyOnAnActiveCourse() {
        FakeFhir fhir = FakeFhir.of("careplan/advance/middle");

        assertThatThrownBy(() -> adaptation(fhir).addIntervention("c1", new Coding("http://snomed.info/sct", "228557008", null),
                null, CLINICIAN)).isInstanceOf(OperationFailure.class).extracting(e -> ((OperationFailure) e).status())
                .isEqualTo(400);
        assertThatThrownBy(() -> adaptation(fhir).addIntervention("c1", intervention("hypnosis"), null, CLINICIAN))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("no intervention 'hypnosis'");
        CarePlan completed = fhir.resource(CarePlan.class, "c1").setStatus(CarePlan.CarePlanStatus.COMPLETED);
        fhir.add(completed);
        assertThatThrownBy(() -> adaptation(fhir).addIntervention("c1", intervention("homework"), null, CLINICIAN))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("Only an active course is adapted");
        assertThat(fhir.transactions()).isEmpty();
    }
}
