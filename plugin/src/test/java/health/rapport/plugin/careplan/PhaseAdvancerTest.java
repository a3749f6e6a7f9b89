package health.rapport.plugin.careplan;

import static health.rapport.plugin.testsupport.FakeFhir.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.panel.forms.FormContent;
import health.rapport.plugin.testsupport.ExpectedFhir;
import health.rapport.plugin.testsupport.FakeFhir;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * The phase rules of the manual on fixtures ({@code careplan/advance/<case>/}, an acute course of 12 sessions in
 * each phase): what moves, what is refused with nothing written, and what the one update holds.
 */
class PhaseAdvancerTest {

    private static final Reference CLINICIAN = new Reference("Practitioner/t1");

    private static PhaseAdvancer advancer(FakeFhir fhir) {
        return new PhaseAdvancer(fhir.store(), FormContent.library(),
                new PlanApplier(FormContent.library(), FhirContext.forR4Cached()), "0.1.0");
    }

    @Test
    void theInitialPhaseEndsOnlyWithACompletedInventoryAndAChosenProblemArea() {
        FakeFhir fhir = FakeFhir.of("careplan/advance/initial-unformulated");

        assertThatThrownBy(() -> advancer(fhir).advance("c1", "middle", null, CLINICIAN))
                .isInstanceOf(OperationFailure.class)
                .hasMessageContaining("a completed Interpersonal Inventory and a chosen problem area")
                .extracting(e -> ((OperationFailure) e).status()).isEqualTo(422);
        assertThat(fhir.transactions()).isEmpty();
    }

    @Test
    void aFormulatedCourseMovesToTheMiddlePhaseUnderIfMatch() {
        FakeFhir fhir = FakeFhir.of("careplan/advance/initial-formulated");

        CarePlan after = advancer(fhir).advance("c1", "middle", "3", CLINICIAN);

        Bundle sent = fhir.onlyTransaction();
        ExpectedFhir.assertMatches(sent, "careplan/advance/initial-formulated/expected/Bundle-transaction.json");
        assertThat(sent.getEntryFirstRep().getRequest().getIfMatch()).isEqualTo("W/\"3\"");
        assertThat(IptCarePlan.of(after).phase()).hasValue(IptPhase.MIDDLE);
        assertThat(after.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
    }

    @Test
    void phasesAreNotSkipped() {
        FakeFhir fhir = FakeFhir.of("careplan/advance/initial-formulated");

        assertThatThrownBy(() -> advancer(fhir).advance("c1", "termination", null, CLINICIAN))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("allowed: middle");
        assertThatThrownBy(() -> advancer(fhir).advance("c1", PhaseAdvancer.COMPLETED, null, CLINICIAN))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("initial phase cannot move to 'completed'");
        assertThat(fhir.transactions()).isEmpty();
    }

    @Test
    void terminationOpensMaintenanceWithTheMaintenancePlansActivitiesOnTheSameCourse() {
        FakeFhir fhir = FakeFhir.of("careplan/advance/termination");

        CarePlan after = advancer(fhir).advance("c1", "maintenance", "9", CLINICIAN);

        ExpectedFhir.assertMatches(fhir.onlyTransaction(), "careplan/advance/termination/expected/Bundle-transaction.json");
        assertThat(IptCarePlan.of(after).phase()).hasValue(IptPhase.MAINTENANCE);
        assertThat(after.getInstantiatesCanonical()).anyMatch(c -> c.getValue().startsWith(Canonicals.PLAN_MAINTENANCE + "|"));
        assertThat(after.getCategory()).anyMatch(c -> c.getCodingFirstRep().getCode().equals("ipt-maintenance"));
        assertThat(after.getActivity()).anyMatch(a -> a.getDetail().getScheduledStringType().getValue()
                .equals("Monthly maintenance sessions"));
        assertThat(after.getIdentifier()).as("still the patient's open course")
                .anyMatch(i -> Canonicals.IDENTIFIER_OPEN_COURSE.equals(i.getSystem()));
    }

    @Test
    void aCompletedCourseFreesTheOpenCourseAndCancelsWhatWasNeverStarted() {
        FakeFhir fhir = FakeFhir.of("careplan/advance/termination");

        CarePlan after = advancer(fhir).advance("c1", PhaseAdvancer.COMPLETED, null, CLINICIAN);

        assertThat(after.getStatus()).isEqualTo(CarePlan.CarePlanStatus.COMPLETED);
        assertThat(after.getPeriod().hasEnd()).isTrue();
        assertThat(after.getIdentifier()).noneMatch(i -> Canonicals.IDENTIFIER_OPEN_COURSE.equals(i.getSystem()));
        assertThat(after.getActivity()).extracting(a -> a.getDetail().getStatus())
                .doesNotContain(CarePlan.CarePlanActivityStatus.NOTSTARTED, CarePlan.CarePlanActivityStatus.SCHEDULED);
    }

    @Test
    void anEarlyEndingNeedsAReasonAndIsRevokedWithIt() {
        FakeFhir fhir = FakeFhir.of("careplan/advance/middle");

        assertThatThrownBy(() -> advancer(fhir).advance("c1", PhaseAdvancer.ENDED, null, CLINICIAN, null))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("needs a reason")
                .extracting(e -> ((OperationFailure) e).status()).isEqualTo(400);
        assertThatThrownBy(() -> advancer(fhir).advance("c1", "termination", null, CLINICIAN,
                CourseEnding.WITHOUT_AGREEMENT.coding()))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("reason goes with phase 'ended' only");
        assertThat(fhir.transactions()).isEmpty();

        CarePlan after = advancer(fhir).advance("c1", PhaseAdvancer.ENDED, null, CLINICIAN,
                new Coding(Canonicals.CS_COURSE_ENDING_REASON, "ended-without-agreement", null));

        ExpectedFhir.assertMatches(fhir.onlyTransaction(), "careplan/advance/middle/expected/Bundle-transaction.json");
        assertThat(after.getStatus()).as("ended before completion").isEqualTo(CarePlan.CarePlanStatus.REVOKED);
        assertThat(CourseEnding.of(after)).hasValue(CourseEnding.WITHOUT_AGREEMENT);
        assertThat(after.getIdentifier()).noneMatch(i -> Canonicals.IDENTIFIER_OPEN_COURSE.equals(i.getSystem()));
    }

    @Test
    void aCourseThatEndsFinishesItsEpisodeInTheSameTransactionAndTheProvenanceNamesBoth() {
        FakeFhir fhir = FakeFhir.of("careplan/advance/ended-with-episode");

        CarePlan after = advancer(fhir).advance("c1", PhaseAdvancer.ENDED, null, CLINICIAN,
                CourseEnding.EARLY_BY_AGREEMENT.coding());

        Bundle sent = fhir.onlyTransaction();
        List<EpisodeOfCare> episodes = written(sent, EpisodeOfCare.class);
        assertThat(episodes).singleElement().satisfies(e -> {
            assertThat(e.getStatus()).isEqualTo(EpisodeOfCare.EpisodeOfCareStatus.FINISHED);
            assertThat(e.getPeriod().getEndElement().getValueAsString())
                    .isEqualTo(after.getPeriod().getEndElement().getValueAsString());
        });
        assertThat(sent.getEntry()).filteredOn(e -> e.getResource() instanceof EpisodeOfCare)
                .singleElement().satisfies(e -> assertThat(e.getRequest().getIfMatch()).isEqualTo("W/\"3\""));
        assertThat(written(sent, Provenance.class)).singleElement().satisfies(p -> assertThat(p.getTarget())
                .extracting(Reference::getReference).contains("CarePlan/c1", "EpisodeOfCare/e1"));
    }

    @Test
    void theClinicianWhoSawAnOlderVersionIsAskedToReload() {
        FakeFhir fhir = FakeFhir.of("careplan/advance/middle");

        assertThatThrownBy(() -> advancer(fhir).advance("c1", "termination", "5", CLINICIAN))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("has changed since version 5")
                .extracting(e -> ((OperationFailure) e).status()).isEqualTo(409);
        fhir.failNextTransaction(health.rapport.plugin.store.StoreFailure.CONFLICT);
        assertThatThrownBy(() -> advancer(fhir).advance("c1", "termination", "6", CLINICIAN))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("changed by someone else")
                .extracting(e -> ((OperationFailure) e).status()).isEqualTo(409);
        assertThat(written(fhir.onlyTransaction(), CarePlan.class)).hasSize(1);
        assertThat(IptCarePlan.of(fhir.resource(CarePlan.class, "c1")).phase()).as("nothing was written")
                .hasValue(IptPhase.MIDDLE);
    }
}
