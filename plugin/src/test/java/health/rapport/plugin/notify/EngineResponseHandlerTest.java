package health.rapport.plugin.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.careplan.ProcessingResult;
import health.rapport.plugin.careplan.ResponseProcessor;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.StoreFailure;
import java.util.Optional;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.junit.jupiter.api.Test;

class EngineResponseHandlerTest {

    private final ChartStore store = mock(ChartStore.class);
    private final ResponseProcessor processor = mock(ResponseProcessor.class);
    private final EngineResponseHandler handler = new EngineResponseHandler(store, processor);

    @Test
    void aRepeatedVersionIsAlreadyProcessed() {
        stored("phq-9", QuestionnaireResponseStatus.COMPLETED);
        when(processor.process("7", null)).thenReturn(result(false), result(true));

        assertThat(handler.handle("7")).isEqualTo(Outcome.PROCESSED);
        assertThat(handler.handle("7")).isEqualTo(Outcome.ALREADY_PROCESSED);
    }

    @Test
    void otherQuestionnairesAndDraftsAreNotRapportsToProcess() {
        stored("phq-9", QuestionnaireResponseStatus.INPROGRESS);
        assertThat(handler.handle("7")).isEqualTo(Outcome.SKIPPED);
        when(store.read(QuestionnaireResponse.class, "7")).thenReturn(new QuestionnaireResponse()
                .setQuestionnaire("http://example.org/Questionnaire/intake").setStatus(QuestionnaireResponseStatus.COMPLETED));
        assertThat(handler.handle("7")).isEqualTo(Outcome.SKIPPED);
        verify(processor, never()).process(any(), any());
    }

    @Test
    void conflictsAreRetriedThenLeftForReconciliation() {
        stored("phq-9", QuestionnaireResponseStatus.COMPLETED);
        when(processor.process(eq("7"), any())).thenThrow(OperationFailure.conflict("plan changed"));

        assertThat(handler.handle("7")).isEqualTo(Outcome.RETRY_LATER);
        verify(processor, times(EngineResponseHandler.ATTEMPTS)).process(eq("7"), any());
    }

    @Test
    void refusalsArePermanentAndServerFailuresTransient() {
        stored("phq-9", QuestionnaireResponseStatus.COMPLETED);
        when(processor.process(eq("7"), any())).thenThrow(OperationFailure.businessRule("unscorable"));
        assertThat(handler.handle("7")).isEqualTo(Outcome.REJECTED);

        when(store.read(QuestionnaireResponse.class, "8"))
                .thenThrow(new ChartStoreException(StoreFailure.NOT_FOUND, 404, "gone", null, null));
        assertThat(handler.handle("8")).isEqualTo(Outcome.SKIPPED);
        when(store.read(QuestionnaireResponse.class, "9"))
                .thenThrow(new ChartStoreException(StoreFailure.TIMEOUT, 0, "slow", null, null));
        assertThat(handler.handle("9")).isEqualTo(Outcome.RETRY_LATER);
    }

    private void stored(String questionnaire, QuestionnaireResponseStatus status) {
        when(store.read(QuestionnaireResponse.class, "7")).thenReturn(new QuestionnaireResponse()
                .setQuestionnaire(Canonicals.QUESTIONNAIRE_BASE + questionnaire + "|0.1.0").setStatus(status));
    }

    private static ProcessingResult result(boolean already) {
        return new ProcessingResult(already, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                java.util.List.of(), java.util.List.of());
    }
}
