package health.rapport.plugin.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.Test;

class RegistrationTransactionTest {

    @Test
    void eachResourceIsACreateConditionalOnUrlAndVersion() {
        Questionnaire phq9 = new Questionnaire().setUrl("https://rapport-ipt.org/fhir/Questionnaire/phq-9")
                .setVersion("0.1.0");
        phq9.setId("phq-9");
        CodeSystem phases = new CodeSystem().setUrl("https://rapport-ipt.org/fhir/CodeSystem/ipt-phase")
                .setVersion("0.1.0");

        Bundle transaction = RegistrationTransaction.of(List.of(phq9, phases));

        assertThat(transaction.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(transaction.getEntry()).hasSize(2);
        Bundle.BundleEntryRequestComponent request = transaction.getEntryFirstRep().getRequest();
        assertThat(request.getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
        assertThat(request.getUrl()).isEqualTo("Questionnaire");
        assertThat(request.getIfNoneExist())
                .isEqualTo("url=https%3A%2F%2Frapport-ipt.org%2Ffhir%2FQuestionnaire%2Fphq-9&version=0.1.0");
        assertThat(transaction.getEntryFirstRep().getResource().getIdElement().isEmpty())
                .as("the server assigns ids; the shipped id must not collide with the EHR's").isTrue();
        assertThat(phq9.getIdPart()).as("the catalog's copy is untouched").isEqualTo("phq-9");
    }

    @Test
    void countsOnlyWhatTheServerCreated() {
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        response.addEntry().getResponse().setStatus("201 Created");
        response.addEntry().getResponse().setStatus("200 OK");
        response.addEntry().getResponse().setStatus("201");

        assertThat(RegistrationTransaction.created(response)).isEqualTo(2);
    }
}
