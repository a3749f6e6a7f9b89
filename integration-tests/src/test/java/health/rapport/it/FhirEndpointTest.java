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
    void everyOperationIsListedWithItsOperationDefinition(Sandbox sandbox) {
        CapabilityStatement statement = Fhir.parse(CapabilityStatement.class,
                Http.get(sandbox.rapportUrl() + "/fhir/metadata").body());

        java.util.Map<String, String> operations = new java.util.HashMap<>();
        statement.getRestFirstRep().getResource().forEach(r -> r.getOperation()
                .forEach(o -> operations.put(r.getType() + "/" + o.getName(), o.getDefinition())));
        statement.getRestFirstRep().getOperation().forEach(o -> operations.put(o.getName(), o.getDefinition()));

        assertThat(operations.keySet()).contains("Patient/ipt-enroll", "PlanDefinition/apply", "CarePlan/ipt-advance",
                "CarePlan/ipt-adapt", "QuestionnaireResponse/ipt-process", "QuestionnaireResponse/extract",
                "Questionnaire/populate");
        for (java.util.Map.Entry<String, String> entry : operations.entrySet()) {
            String definition = entry.getValue();
            String path = definition.substring(definition.indexOf("OperationDefinition/"));
            HttpResponse<String> read = Http.get(sandbox.rapportUrl() + "/fhir/" + path);
            assertThat(read.statusCode()).as(path).isEqualTo(200);
            org.hl7.fhir.r4.model.OperationDefinition operation =
                    Fhir.parse(org.hl7.fhir.r4.model.OperationDefinition.class, read.body());
            assertThat(entry.getKey()).as(path).endsWith(operation.getCode());
        }
    }

    @Test
    void unknownResourceTypeIsA4xxWithOperationOutcome(Sandbox sandbox) {
        HttpResponse<String> response = Http.get(sandbox.rapportUrl() + "/fhir/NoSuchType/1");

        assertThat(response.statusCode()).isBetween(400, 499);
        OperationOutcome outcome = Fhir.parse(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
    }
}
