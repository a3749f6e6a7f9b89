package health.rapport.plugin.exchange.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.panel.forms.FormContent;
import health.rapport.plugin.testsupport.ExpectedFhir;
import health.rapport.plugin.testsupport.FakeFhir;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;

/**
 * The import on fixtures: the care summary another Rapport exported ({@code exchange/imports/document/}) into the
 * local charts of {@code exchange/imports/<case>/}. Every refusal lists its problems and writes nothing.
 */
class ImportProcessorTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String DOCUMENT = "exchange/imports/document/Bundle-course-summary.json";

    private static ImportProcessor importer(FakeFhir fhir) {
        return ImportProcessor.create(fhir.store(), FormContent.library(), FHIR, "0.1.0");
    }

    private static Bundle document() {
        return FakeFhir.fixture(DOCUMENT, Bundle.class);
    }

    /** The issues of the OperationOutcome the sender gets. */
    private static List<OperationOutcome.OperationOutcomeIssueComponent> problems(Runnable action) {
        try {
            action.run();
        } catch (DocumentRejected rejected) {
            assertThat(rejected.getStatusCode()).isEqualTo(422);
            return ((OperationOutcome) rejected.getOperationOutcome()).getIssue();
        }
        throw new AssertionError("the document was not rejected");
    }

    @Test
    void aSummaryForAPatientWithoutAnOpenCourseBecomesTheirOpenCourseInOneTransaction() {
        FakeFhir fhir = FakeFhir.of("exchange/imports/new-course");

        ImportProcessor.ImportResult result = importer(fhir).importDocument(document());

        Bundle sent = fhir.onlyTransaction();
        ExpectedFhir.assertMatches(sent, "exchange/imports/new-course/expected/Bundle-transaction.json");
        assertThat(result.patientId()).as("matched by the MRN, not by the sender's id").isEqualTo("local-7");
        assertThat(result.placement().opensCourse()).isTrue();
        CarePlan plan = FakeFhir.written(sent, CarePlan.class).get(0);
        assertThat(plan.getSubject().getReference()).isEqualTo("Patient/local-7");
        assertThat(plan.getIdentifier()).anyMatch(i -> Canonicals.IDENTIFIER_OPEN_COURSE.equals(i.getSystem())
                && "local-7".equals(i.getValue()));
        assertThat(FakeFhir.written(sent, Goal.class)).allSatisfy(g -> assertThat(g.getAddressesFirstRep().getReference())
                .as("references point at the new local resources").startsWith("urn:uuid:"));
        Provenance provenance = FakeFhir.written(sent, Provenance.class).get(0);
        assertThat(provenance.getEntity()).anySatisfy(e -> assertThat(e.getWhat().getIdentifier().getSystem())
                .isEqualTo(document().getIdentifier().getSystem()));
    }

    @Test
    void theSameSummaryImportedAgainCreatesNothing() {
        FakeFhir fhir = FakeFhir.of("exchange/imports/new-course");
        importer(fhir).importDocument(document());

        ImportProcessor.ImportResult again = importer(fhir).importDocument(document());

        assertThat(again.placement().alreadyImported()).isTrue();
        assertThat(again.created()).isZero();
    }

    @Test
    void aLocalCourseChangedAfterTheSummaryIsNeverOverwritten() {
        FakeFhir fhir = FakeFhir.of("exchange/imports/newer-local-course");

        assertThatThrownBy(() -> importer(fhir).importDocument(document())).isInstanceOf(OperationFailure.class)
                .hasMessageContaining("would overwrite a newer local plan")
                .extracting(e -> ((OperationFailure) e).status()).isEqualTo(409);
        assertThat(fhir.transactions()).isEmpty();
    }

    @Test
    void anOlderLocalCourseIsSupersededAndRevokedInTheSameTransaction() {
        FakeFhir fhir = FakeFhir.of("exchange/imports/older-local-course");

        ImportProcessor.ImportResult result = importer(fhir).importDocument(document());

        Bundle sent = fhir.onlyTransaction();
        ExpectedFhir.assertMatches(sent, "exchange/imports/older-local-course/expected/Bundle-transaction.json");
        CarePlan old = fhir.resource(CarePlan.class, "local-c9");
        assertThat(old.getStatus()).isEqualTo(CarePlan.CarePlanStatus.REVOKED);
        assertThat(old.getIdentifier()).noneMatch(i -> Canonicals.IDENTIFIER_OPEN_COURSE.equals(i.getSystem()));
        CarePlan imported = FakeFhir.written(sent, CarePlan.class).stream().filter(p -> !p.hasIdElement()
                || !"local-c9".equals(p.getIdElement().getIdPart())).findFirst().orElseThrow();
        assertThat(imported.getReplacesFirstRep().getReference()).isEqualTo("CarePlan/local-c9");
        assertThat(result.placement().superseded()).isPresent();
    }

    @Test
    void aFinishedCourseFromElsewhereIsFiledAsHistoryAndDisplacesNothing() {
        FakeFhir fhir = FakeFhir.of("exchange/imports/newer-local-course");
        Bundle finished = document();
        FakeFhir.written(finished, CarePlan.class).get(0).setStatus(CarePlan.CarePlanStatus.COMPLETED);

        ImportProcessor.ImportResult result = importer(fhir).importDocument(finished);

        assertThat(result.placement().opensCourse()).isFalse();
        assertThat(result.placement().superseded()).isEmpty();
        CarePlan filed = FakeFhir.written(fhir.onlyTransaction(), CarePlan.class).get(0);
        assertThat(filed.getIdentifier()).noneMatch(i -> Canonicals.IDENTIFIER_OPEN_COURSE.equals(i.getSystem()));
        assertThat(fhir.resource(CarePlan.class, "local-c9").getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
    }

    @Test
    void aPatientWhoIsNotRegisteredHereIsNotCreated() {
        FakeFhir fhir = FakeFhir.of("exchange/imports/unknown-patient");

        List<OperationOutcome.OperationOutcomeIssueComponent> problems = problems(() -> importer(fhir).importDocument(document()));

        assertThat(problems).extracting(OperationOutcome.OperationOutcomeIssueComponent::getCode).containsExactly(IssueType.NOTFOUND);
        assertThat(problems.get(0).getDiagnostics()).contains("https://ehr.example.org/mrn|MRN-p1")
                .contains("does not create patients");
        assertThat(fhir.transactions()).isEmpty();
    }

    @Test
    void identifiersThatNameTwoPatientsAreRefused() {
        FakeFhir fhir = FakeFhir.of("exchange/imports/two-patients");

        List<OperationOutcome.OperationOutcomeIssueComponent> problems = problems(() -> importer(fhir).importDocument(document()));

        assertThat(problems).extracting(OperationOutcome.OperationOutcomeIssueComponent::getCode).containsExactly(IssueType.MULTIPLEMATCHES);
        assertThat(fhir.transactions()).isEmpty();
    }

    @Test
    void aPsychotherapyNoteInTheSummaryIsRefusedWithEveryOtherProblem() {
        FakeFhir fhir = FakeFhir.of("exchange/imports/new-course");
        Bundle leaking = document();
        PrivacyLabels.processNote(FakeFhir.written(leaking, Goal.class).get(0));
        Observation score = FakeFhir.written(leaking, Observation.class).get(0);
        score.setValue(new org.hl7.fhir.r4.model.IntegerType(40));

        List<OperationOutcome.OperationOutcomeIssueComponent> problems = problems(() -> importer(fhir).importDocument(leaking));

        assertThat(problems).extracting(OperationOutcome.OperationOutcomeIssueComponent::getCode).contains(IssueType.SECURITY, IssueType.INVALID);
        assertThat(problems).extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics).anyMatch(m -> m.contains("Goal is labelled PSYTHPN"))
                .anyMatch(m -> m.contains("must be 0–27"));
        assertThat(fhir.transactions()).isEmpty();
    }
}
