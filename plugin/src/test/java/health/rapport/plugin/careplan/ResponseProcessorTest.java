package health.rapport.plugin.careplan;

import static health.rapport.plugin.testsupport.FakeFhir.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.panel.forms.FormContent;
import health.rapport.plugin.safety.ClinicalRules;
import health.rapport.plugin.sessions.SessionRecorder;
import health.rapport.plugin.store.StoreFailure;
import health.rapport.plugin.testsupport.ExpectedFhir;
import health.rapport.plugin.testsupport.FakeFhir;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

/**
 * Processing a PHQ-9 on fixtures ({@code careplan/respond/<case>/}: an acute course of 12 sessions in its middle
 * phase, a baseline total of 19 at session 1 and the PHQ-9 Task of session 4 open): item 9 in its own transaction
 * first, then one transaction with the score, the treatment response, the Tasks and the plan.
 */
class ResponseProcessorTest {

    private static final Reference CLINICIAN = new Reference("Practitioner/t1");

    private static ResponseProcessor processor(FakeFhir fhir) {
        PlanApplier applier = new PlanApplier(FormContent.library(), FhirContext.forR4Cached());
        return new ResponseProcessor(fhir.store(), FormContent.library(), applier,
                new EnrollmentProcessor(fhir.store(), FormContent.library(), applier, "0.1.0"), ClinicalRules.defaults(),
                new SessionRecorder(fhir.store(), FormContent.library(), "0.1.0"), "0.1.0");
    }

    private static boolean isCode(Observation observation, String code) {
        return observation.getCode().getCoding().stream().anyMatch(c -> code.equals(c.getCode()));
    }

    @Test
    void itemNineIsRecordedFirstInItsOwnTransactionThenTheScoreTheResponseTheTasksAndThePlanInOne() {
        FakeFhir fhir = FakeFhir.of("careplan/respond/phq9-item9-positive");

        ProcessingResult result = processor(fhir).process("phq9-s4", CLINICIAN);

        List<Bundle> sent = fhir.transactions();
        assertThat(sent).hasSize(2);
        ExpectedFhir.assertMatches(sent.get(0), "careplan/respond/phq9-item9-positive/expected/Bundle-safety-first.json");
        ExpectedFhir.assertMatches(sent.get(1), "careplan/respond/phq9-item9-positive/expected/Bundle-processing.json");
        Observation item9 = written(sent.get(0), Observation.class).get(0);
        assertThat(isCode(item9, Instrument.PHQ9_ITEM9)).isTrue();
        assertThat(item9.getValueIntegerType().getValue()).as("several days").isEqualTo(1);
        assertThat(written(sent.get(0), Observation.class)).as("nothing but item 9 goes first").hasSize(1);

        Observation total = written(sent.get(1), Observation.class).stream().filter(o -> isCode(o, "44261-6")).findFirst()
                .orElseThrow();
        assertThat(total.getValueIntegerType().getValue()).isEqualTo(8);
        Observation status = written(sent.get(1), Observation.class).stream()
                .filter(o -> isCode(o, "measure-response-status")).findFirst().orElseThrow();
        assertThat(((CodeableConcept) status.getValue()).getCodingFirstRep().getCode())
                .as("19 at baseline to 8 at session 4: at least halved").isEqualTo("response");
        Task done = written(sent.get(1), Task.class).stream().filter(t -> "phq9-s4".equals(t.getIdElement().getIdPart()))
                .findFirst().orElseThrow();
        assertThat(done.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
        assertThat(written(sent.get(1), Task.class)).as("the next PHQ-9 is asked for at a later session")
                .anySatisfy(t -> assertThat(QuestionnaireTasks.session(t).orElse(0)).isGreaterThan(4));
        CarePlan plan = written(sent.get(1), CarePlan.class).get(0);
        assertThat(IptCarePlan.of(plan).completedSessions()).as("the measured session counts while none are recorded")
                .isEqualTo(4);
        assertThat(result.treatmentResponse()).isPresent();
    }

    @Test
    void anIncompletePhq9RecordsNoTotalAndTheTaskWaitsForTheMissingAnswer() {
        FakeFhir fhir = FakeFhir.of("careplan/respond/phq9-incomplete");

        processor(fhir).process("phq9-s4", CLINICIAN);

        Bundle processing = fhir.transactions().get(fhir.transactions().size() - 1);
        ExpectedFhir.assertMatches(processing, "careplan/respond/phq9-incomplete/expected/Bundle-processing.json");
        assertThat(written(processing, Observation.class)).noneMatch(o -> isCode(o, "44261-6"))
                .noneMatch(o -> isCode(o, "measure-response-status"));
        Task waiting = written(processing, Task.class).get(0);
        assertThat(waiting.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
        assertThat(waiting.getStatusReason().getText()).contains("never prorated");
        assertThat(IptCarePlan.of(written(processing, CarePlan.class).get(0)).completedSessions())
                .as("an incomplete measure is no completed session").isEqualTo(3);
    }

    @Test
    void aResponseVersionIsProcessedOnce() {
        FakeFhir fhir = FakeFhir.of("careplan/respond/phq9-item9-positive");
        processor(fhir).process("phq9-s4", CLINICIAN);

        ProcessingResult again = processor(fhir).process("phq9-s4", CLINICIAN);

        assertThat(again.alreadyProcessed()).isTrue();
        assertThat(fhir.transactions()).as("the marker of the first processing ends the second").hasSize(2);
    }

    @Test
    void whenTheRestFailsItemNineStaysRecordedAndTheAnswerSaysSo() {
        FakeFhir failing = FakeFhir.of("careplan/respond/phq9-item9-positive");
        ResponseProcessor processor = processor(failing);
        // The first transaction (item 9) succeeds, the second (the rest) loses a race on the plan.
        failing.failTransaction(2, StoreFailure.CONFLICT);

        assertThatThrownBy(() -> processor.process("phq9-s4", CLINICIAN))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("PHQ-9 item 9 was recorded first")
                .extracting(e -> ((OperationFailure) e).status()).isEqualTo(409);
        assertThat(failing.written(Observation.class)).filteredOn(o -> isCode(o, Instrument.PHQ9_ITEM9)).hasSize(1);
    }
}
