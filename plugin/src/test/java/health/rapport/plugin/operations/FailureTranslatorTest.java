package health.rapport.plugin.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class FailureTranslatorTest {

    @Test
    void refusalsKeepPlainWordsButNeverInternals() {
        assertThat(FailureTranslator.plain("HAPI-0389: Unknown parameter 'foo'", 400)).isEqualTo("Unknown parameter 'foo'");
        for (String leak : new String[] {
            "HAPI-1861: Failed to parse JSON encoded FHIR content: HAPI-1859: Content does not appear to be FHIR JSON",
            "Invalid request: The FHIR endpoint on this server does not know how to handle POST operation[Foo] with "
                    + "parameters [[]] at http://10.0.0.5:8080/fhir",
            "java.lang.IllegalStateException: boom",
            "Failed: ca.uhn.fhir.parser.DataFormatException thrown",
            "x".repeat(400)}) {
            String words = FailureTranslator.plain(leak, 400);
            assertThat(words).doesNotContain("HAPI-", "http", "java.", "ca.uhn", "Exception");
            assertThat(words).isNotBlank();
        }
        assertThat(FailureTranslator.plain(null, 404)).contains("no such");
    }

    @Test
    void aRequestCaughtByAnUpdateOfTheBundleIsAnsweredRepeatInAMomentNotA500() {
        RequestDetails request = mock(RequestDetails.class);
        when(request.getFhirContext()).thenReturn(FhirContext.forR4Cached());
        when(request.getRequestType()).thenReturn(RequestTypeEnum.GET);
        when(request.getRequestPath()).thenReturn("Patient/1/$ipt-process");
        HttpServletResponse response = mock(HttpServletResponse.class);

        BaseServerResponseException answer = new FailureTranslator().translate(request,
                new InternalErrorException("failed", new NoClassDefFoundError("com/google/common/escape/Escaper")),
                mock(HttpServletRequest.class), response);

        assertThat(answer.getStatusCode()).isEqualTo(503);
        OperationOutcome outcome = (OperationOutcome) answer.getOperationOutcome();
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("updating");
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).doesNotContain("Escaper", "NoClassDef");
        verify(response).setHeader("Retry-After", "5");
    }
}
