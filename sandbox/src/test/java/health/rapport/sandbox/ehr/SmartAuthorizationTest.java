package health.rapport.sandbox.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class SmartAuthorizationTest {

    @Test
    void theTokenLogNamesThePatientsATransactionWrites() {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setFullUrl("urn:uuid:1")
                .setResource(new CarePlan().setSubject(new Reference("Patient/1146")));
        transaction.addEntry().setResource(new Provenance().addTarget(new Reference("urn:uuid:1"))
                .addTarget(new Reference("http://ehr.example/fhir/Patient/77/_history/2")));
        SystemRequestDetails request = new SystemRequestDetails();
        request.setRequestType(RequestTypeEnum.POST);
        request.setCompleteUrl("http://ehr.example/fhir");
        request.setResource(transaction);

        assertThat(SmartAuthorization.described(request))
                .isEqualTo("POST http://ehr.example/fhir body:[Patient/1146, Patient/77]");
    }

    @Test
    void onlyUserScopesOnPatientDataNeedTheCareRelationships() {
        // A patient launch: patient data through patient scopes, definitions through user scopes.
        assertThat(SmartAuthorization.reachesPatientData(SmartScopes.parse(
                "launch openid fhirUser patient/Observation.cru user/Questionnaire.rs user/ValueSet.rs"))).isFalse();
        assertThat(SmartAuthorization.reachesPatientData(SmartScopes.parse(
                "launch openid fhirUser user/Observation.rs user/Questionnaire.rs"))).isTrue();
        assertThat(SmartAuthorization.reachesPatientData(SmartScopes.parse("openid user/*.rs"))).isTrue();
    }
}
