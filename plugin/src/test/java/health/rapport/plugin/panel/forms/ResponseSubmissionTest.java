package health.rapport.plugin.panel.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.fhir.testing.RapportContent;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.careplan.ProcessingResult;
import health.rapport.plugin.careplan.ResponseProcessor;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.CreateOutcome;
import health.rapport.plugin.store.StoreFailure;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ResponseSubmissionTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String FILLING = "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e";

    private final ChartStore store = mock(ChartStore.class);
    private final ResponseProcessor processor = mock(ResponseProcessor.class);
    private final ResponseSubmission submission = new ResponseSubmission(store,
            new FormQuestionnaires(FormContent.library()), processor, FHIR, "0.1.0.test");

    private static String phq9(boolean withIdentifier) {
        QuestionnaireResponse response = RapportContent.load(RapportContent.EXAMPLES,
                "QuestionnaireResponse-example-maya-phq9-baseline.json", QuestionnaireResponse.class);
        response.setId((String) null);
        response.getMeta().addTag("urn:example:lforms", "lformsVersion", null);
        if (withIdentifier) {
            response.setIdentifier(new org.hl7.fhir.r4.model.Identifier().setSystem("urn:ietf:rfc:3986").setValue(FILLING));
        }
        return FHIR.newJsonParser().encodeResourceToString(response);
    }

    @Test
    void storesOnceByTheFillingsIdentifierThenProcessesAsTheClinician() {
        when(store.createIfNoneExist(any(), anyString())).thenReturn(new CreateOutcome(new IdType("QuestionnaireResponse/7"), true));
        when(processor.process(eq("7"), isNull())).thenReturn(new ProcessingResult(false, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), java.util.List.of(), java.util.List.of()));

        Map<String, Object> result = submission.submit("phq-9", "example-maya", phq9(true));

        ArgumentCaptor<QuestionnaireResponse> stored = ArgumentCaptor.forClass(QuestionnaireResponse.class);
        verify(store).createIfNoneExist(stored.capture(), eq("identifier=urn%3Aietf%3Arfc%3A3986%7C" + FILLING.replace(":", "%3A")));
        assertThat(stored.getValue().getSubject().getReference()).isEqualTo("Patient/example-maya");
        assertThat(stored.getValue().getQuestionnaire()).contains("|");
        assertThat(stored.getValue().getMeta().getTag()).as("the renderer's own tags are not stored").isEmpty();
        assertThat(stored.getValue().getMeta().getSecurity()).extracting(c -> c.getCode()).contains("R");
        assertThat(result).containsEntry("responseId", "7").containsEntry("outcome", "processed");
    }

    @Test
    void refusesBeforeWritingAnything() {
        assertThatThrownBy(() -> submission.submit("phq-9", "example-maya", phq9(false)))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("identifier");
        assertThatThrownBy(() -> submission.submit("phq-9", "someone-else", phq9(true)))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("not Patient/someone-else");
        assertThatThrownBy(() -> submission.submit("gad-7", "example-maya", phq9(true)))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("not the form gad-7");
        assertThatThrownBy(() -> submission.submit("phq-9", "example-maya", "{\"resourceType\":\"Patient\"}"))
                .isInstanceOf(OperationFailure.class);
        assertThatThrownBy(() -> submission.submit("no-form", "example-maya", phq9(true)))
                .isInstanceOf(OperationFailure.class).satisfies(e -> assertThat(((OperationFailure) e).status()).isEqualTo(404));
        verifyNoInteractions(store, processor);
    }

    @Test
    void aSavedFormWhoseProcessingFailsIsReportedAsSavedForLater() {
        when(store.createIfNoneExist(any(), anyString())).thenReturn(new CreateOutcome(new IdType("QuestionnaireResponse/8"), true));
        when(processor.process(eq("8"), isNull())).thenThrow(new ChartStoreException(StoreFailure.CONFLICT, 409,
                "plan changed", null, null));

        Map<String, Object> result = submission.submit("phq-9", "example-maya", phq9(true));

        assertThat(result).containsEntry("outcome", "saved");
        assertThat((String) result.get("message")).contains("processed automatically");
    }
}
