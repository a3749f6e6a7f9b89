package health.rapport.sandbox.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IdType;
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

    @Test
    void aSearchAboutSomeOfTheCliniciansPatientsIsCheckedAgainstThoseOnly() {
        List<IdType> careOf = List.of(new IdType("Patient/1"),
                new IdType("Patient/2"), new IdType("Patient/3"));
        SystemRequestDetails search = new SystemRequestDetails();
        search.setRestOperationType(RestOperationTypeEnum.SEARCH_TYPE);
        search.setResourceName("Observation");
        search.setParameters(Map.of("subject", new String[] {"Patient/1,Patient/3,Patient/99"}));
        assertThat(SmartAuthorization.named(search, careOf)).extracting(IdType::getIdPart)
                .containsExactly("1", "3");

        // Naming none of them, or none at all: every patient cared for, HAPI decides as before.
        search.setParameters(Map.of("subject", new String[] {"Patient/99"}));
        assertThat(SmartAuthorization.named(search, careOf)).isEqualTo(careOf);
        search.setParameters(Map.of("care-manager", new String[] {"Practitioner/7"}));
        assertThat(SmartAuthorization.named(search, careOf)).isEqualTo(careOf);

        // A write is never narrowed: its resource is checked against every patient cared for.
        SystemRequestDetails write = new SystemRequestDetails();
        write.setRestOperationType(RestOperationTypeEnum.CREATE);
        write.setParameters(Map.of("patient", new String[] {"1"}));
        assertThat(SmartAuthorization.named(write, careOf)).isEqualTo(careOf);
    }

    @Test
    void theGroupsCaredForStayWhenASearchNamesSomePatients() {
        List<IdType> careOf = List.of(new IdType("Patient/1"), new IdType("Patient/2"), new IdType("Group/g"));
        SystemRequestDetails search = new SystemRequestDetails();
        search.setRestOperationType(RestOperationTypeEnum.SEARCH_TYPE);
        search.setResourceName("Encounter");
        search.setParameters(Map.of("subject", new String[] {"Patient/2"}));
        assertThat(SmartAuthorization.named(search, careOf)).extracting(IdType::getValue)
                .containsExactly("Patient/2", "Group/g");
        // A search about the group itself names no patient: everything cared for.
        search.setParameters(Map.of("subject", new String[] {"Group/g"}));
        assertThat(SmartAuthorization.named(search, careOf)).isEqualTo(careOf);
    }
}
