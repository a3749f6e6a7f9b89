package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/** Reads SDC {@code $populate} answers: Parameters that conform to SDC's populate-out profile. */
final class Populate {

    static final String OUT_PROFILE = "http://hl7.org/fhir/uv/sdc/StructureDefinition/parameters-questionnaire-populate-out";

    private Populate() {
    }

    static Parameters parameters(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Parameters out = Fhir.parse(Parameters.class, answer.body());
        Parameters claimed = out.copy();
        claimed.getMeta().addProfile(OUT_PROFILE);
        assertThat(Fhir.errors(claimed)).as("against %s", OUT_PROFILE).isEmpty();
        return out;
    }

    static QuestionnaireResponse response(HttpResponse<String> answer) {
        return (QuestionnaireResponse) parameters(answer).getParameter("response").getResource();
    }

    static OperationOutcome issues(HttpResponse<String> answer) {
        Parameters.ParametersParameterComponent issues = parameters(answer).getParameter("issues");
        return issues == null ? null : (OperationOutcome) issues.getResource();
    }
}
