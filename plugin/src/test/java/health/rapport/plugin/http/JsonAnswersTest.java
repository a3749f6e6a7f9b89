package health.rapport.plugin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.fhir.testing.RapportValidator;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class JsonAnswersTest {

    @Test
    void refusalsAreValidOperationOutcomesWithACodeForTheirStatus() throws Exception {
        for (int status : new int[] {400, 401, 404, 409, 413, 422, 502, 503, 504}) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            HttpServletResponse response = mock(HttpServletResponse.class);
            when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            });

            JsonAnswers.problem(response, status, "Plain words <b>as typed</b>.");

            verify(response).setStatus(status);
            verify(response).setHeader("Cache-Control", "no-store");
            OperationOutcome outcome = (OperationOutcome) FhirContext.forR4Cached().newJsonParser()
                    .parseResource(body.toString(StandardCharsets.UTF_8));
            assertThat(outcome.getIssueFirstRep().getDetails().getText()).isEqualTo("Plain words <b>as typed</b>.");
            // The correlation id the details are logged under: in the answer, its header and its words.
            String correlation = outcome.getIdElement().getIdPart();
            assertThat(correlation).matches("[a-z2-9]{12}");
            verify(response).setHeader(ErrorAnswers.CORRELATION_HEADER, correlation);
            assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(correlation);
            assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getSystem())
                    .isEqualTo(RapportIssue.SYSTEM);
            assertThat(RapportValidator.errors(RapportValidator.fromClasspath().validate(outcome))).as("status " + status)
                    .isEmpty();
        }
    }
}
