package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rapport's own FHIR endpoint under /rapport/fhir. */
@ExtendWith(SandboxExtension.class)
class FhirEndpointTest {

    @Test
    void metadataIsRapportsOwnValidCapabilityStatement(Sandbox sandbox) {
        HttpResponse<String> response = Http.get(sandbox.rapportUrl() + "/fhir/metadata");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/fhir+json"));
        CapabilityStatement statement = Fhir.parse(CapabilityStatement.class, response.body());
        assertThat(statement.getSoftware().getName()).isEqualTo("Rapport");
        assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(statement.getKind()).isEqualTo(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        assertThat(statement.getImplementation().getUrl()).isEqualTo(sandbox.rapportUrl() + "/fhir");
        assertThat(Fhir.errors(statement)).isEmpty();
    }

    @Test
    void unknownResourceTypeIsA4xxWithOperationOutcome(Sandbox sandbox) {
        HttpResponse<String> response = Http.get(sandbox.rapportUrl() + "/fhir/NoSuchType/1");

        assertThat(response.statusCode()).isBetween(400, 499);
        OperationOutcome outcome = Fhir.parse(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
    }
}
