package health.rapport.plugin.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.careplan.PopulateRequest;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class PopulateParametersTest {

    private static ParametersParameterComponent value(String name, org.hl7.fhir.r4.model.Type value) {
        return new ParametersParameterComponent().setName(name).setValue(value);
    }

    private static ParametersParameterComponent context(String name, ParametersParameterComponent content) {
        ParametersParameterComponent c = new ParametersParameterComponent().setName("context");
        c.addPart().setName("name").setValue(new StringType(name));
        c.addPart(content.setName("content"));
        return c;
    }

    @Test
    void readsEachShapeOfQuestionnaireAndSubject() {
        PopulateRequest byCanonical = PopulateParameters.read(null,
                value("questionnaire", new CanonicalType("https://rapport-ipt.org/fhir/Questionnaire/phq-9|0.1.0")),
                value("subject", new Reference("Patient/p1")), null, null);
        assertThat(byCanonical.canonical()).isEqualTo("https://rapport-ipt.org/fhir/Questionnaire/phq-9|0.1.0");
        assertThat(byCanonical.patientId()).isEqualTo("p1");

        PopulateRequest byReference = PopulateParameters.read(null,
                value("questionnaire", new Reference("Questionnaire/42")), value("subject", new StringType("Patient/p1")),
                null, null);
        assertThat(byReference.reference()).isEqualTo("Questionnaire/42");

        Questionnaire given = new Questionnaire().setUrl("https://rapport-ipt.org/fhir/Questionnaire/gad-7");
        PopulateRequest byResource = PopulateParameters.read(null,
                new ParametersParameterComponent().setName("questionnaire").setResource(given),
                value("subject", new Reference("Patient/p1")), null, null);
        assertThat(byResource.given()).isSameAs(given);
        assertThat(byResource.notes()).isEmpty();
    }

    @Test
    void theInstanceWinsOverTheQuestionnaireParameterAndSaysSo() {
        PopulateRequest request = PopulateParameters.read(new IdType("Questionnaire", "17"),
                value("questionnaire", new CanonicalType("urn:x")), value("subject", new Reference("Patient/p1")),
                null, new BooleanType(false));
        assertThat(request.questionnaireId()).isEqualTo("17");
        assertThat(request.canonical()).isNull();
        assertThat(request.notes()).hasSize(2).anyMatch(n -> n.contains("'questionnaire' was ignored"))
                .anyMatch(n -> n.contains("local=false"));
    }

    @Test
    void thePatientMayComeFromTheLaunchContext() {
        Patient patient = new Patient();
        patient.setId("p2");
        PopulateRequest fromResource = PopulateParameters.read(new IdType("Questionnaire", "phq-9"), null, null,
                List.of(context("patient", new ParametersParameterComponent().setResource(patient)),
                        context("encounter", value("content", new Reference("Encounter/e1")))), null);
        assertThat(fromResource.patientId()).isEqualTo("p2");
        assertThat(fromResource.notes()).singleElement().asString().contains("'encounter' was ignored");
    }

    @Test
    void refusesWhatItCannotRead() {
        IdType phq9 = new IdType("Questionnaire", "phq-9");
        assertThatThrownBy(() -> PopulateParameters.read(phq9, null, null, null, null))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("subject");
        assertThatThrownBy(() -> PopulateParameters.read(phq9, null, value("subject", new Reference("Group/1")), null,
                null)).isInstanceOf(OperationFailure.class).hasMessageContaining("not a Patient reference");
        assertThatThrownBy(() -> PopulateParameters.read(phq9, null, value("subject", new Reference("Patient/a")),
                List.of(context("patient", value("content", new Reference("Patient/b")))), null))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("disagree");
        assertThatThrownBy(() -> PopulateParameters.read(null, value("questionnaire", new BooleanType(true)),
                value("subject", new Reference("Patient/a")), null, null))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("canonical");
    }
}
