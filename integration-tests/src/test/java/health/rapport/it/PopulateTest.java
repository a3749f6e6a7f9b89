package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SDC {@code $populate} as an SDC client calls it against a FHIR server set up by its vendor's defaults: Rapport's
 * Questionnaires carry the server's ids there, subject is a Reference, and the answer is SDC's Parameters.
 */
@ExtendWith(SandboxExtension.class)
class PopulateTest {

    private static final String PHQ9 = "https://rapport-ipt.org/fhir/Questionnaire/phq-9";

    @Test
    void populatesRapportsQuestionnaireByItsIdOnTheEhrServer(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        Questionnaire onServer = serverCopy(ehr, PHQ9);
        assertThat(onServer.getIdElement().getIdPart()).isNotEqualTo("phq-9");

        QuestionnaireResponse response = Populate.response(ehr.operation(
                "Questionnaire/" + onServer.getIdElement().getIdPart() + "/$populate", subject(patient)));

        assertThat(response.getQuestionnaire()).isEqualTo(PHQ9 + "|" + onServer.getVersion());
        assertThat(response.getSubject().getReference()).isEqualTo("Patient/" + patient);
        assertThat(response.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
        assertThat(Fhir.errors(response)).isEmpty();
    }

    @Test
    void populatesAtTypeLevelByCanonicalReferenceOrResource(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        Questionnaire onServer = serverCopy(ehr, PHQ9);

        Parameters byCanonical = subject(patient);
        byCanonical.addParameter().setName("questionnaire").setValue(new CanonicalType(PHQ9 + "|" + onServer.getVersion()));
        Parameters byUri = subject(patient);
        byUri.addParameter().setName("questionnaire").setValue(new UriType(PHQ9));
        Parameters byReference = subject(patient);
        byReference.addParameter().setName("questionnaire")
                .setValue(new Reference("Questionnaire/" + onServer.getIdElement().getIdPart()));
        Parameters byResource = subject(patient);
        byResource.addParameter().setName("questionnaire").setResource(onServer);

        for (Parameters request : new Parameters[] {byCanonical, byUri, byReference, byResource}) {
            QuestionnaireResponse response = Populate.response(ehr.operation("Questionnaire/$populate", request));
            assertThat(response.getQuestionnaire()).startsWith(PHQ9 + "|");
            assertThat(response.getSubject().getReference()).isEqualTo("Patient/" + patient);
        }
    }

    @Test
    void takesThePatientFromTheLaunchContextAndSaysWhatItIgnored(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        Parameters request = new Parameters();
        Parameters.ParametersParameterComponent context = request.addParameter().setName("context");
        context.addPart().setName("name").setValue(new StringType("patient"));
        context.addPart().setName("content").setValue(new Reference("Patient/" + patient));
        Parameters.ParametersParameterComponent other = request.addParameter().setName("context");
        other.addPart().setName("name").setValue(new StringType("encounter"));
        other.addPart().setName("content").setValue(new Reference("Encounter/1"));

        HttpResponse<String> answer = ehr.operation("Questionnaire/interpersonal-inventory/$populate", request);

        assertThat(Populate.response(answer).getSubject().getReference()).isEqualTo("Patient/" + patient);
        OperationOutcome issues = Populate.issues(answer);
        assertThat(issues.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .anyMatch(d -> d.contains("'encounter' was ignored"))
                .anyMatch(d -> d.contains("No earlier Interpersonal Inventory"));
        assertThat(issues.getIssue()).noneMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
    }

    @Test
    void refusesWhatItCannotPopulateWithAnOperationOutcome(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        Questionnaire foreign = new Questionnaire().setUrl("urn:example:not-rapport").setStatus(
                Enumerations.PublicationStatus.ACTIVE);
        String foreignId = ehr.record.create().resource(foreign).execute().getId().getIdPart();

        EnrollmentTest.assertRefused(ehr.operation("Questionnaire/" + foreignId + "/$populate", subject(patient)),
                422, "not one of Rapport's questionnaires");
        EnrollmentTest.assertRefused(ehr.operation("Questionnaire/phq-9/$populate", new Parameters()), 400,
                "subject");
        EnrollmentTest.assertRefused(ehr.operation("Questionnaire/$populate", subject(patient)), 400,
                "Say which Questionnaire");
        Parameters unknownCanonical = subject(patient);
        unknownCanonical.addParameter().setName("questionnaire").setValue(new CanonicalType("urn:example:nope"));
        EnrollmentTest.assertRefused(ehr.operation("Questionnaire/$populate", unknownCanonical), 404,
                "not one of Rapport's");
        Parameters group = new Parameters();
        group.addParameter().setName("subject").setValue(new Reference("Group/1"));
        EnrollmentTest.assertRefused(ehr.operation("Questionnaire/phq-9/$populate", group), 400,
                "not a Patient reference");
    }

    private static Parameters subject(String patient) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("subject").setValue(new Reference("Patient/" + patient));
        return parameters;
    }

    private static Questionnaire serverCopy(Ehr ehr, String url) {
        Bundle found = ehr.record.search().byUrl("Questionnaire?url=" + url).returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).as("%s registered on the EHR's FHIR server", url).isNotEmpty();
        return (Questionnaire) found.getEntryFirstRep().getResource();
    }
}
