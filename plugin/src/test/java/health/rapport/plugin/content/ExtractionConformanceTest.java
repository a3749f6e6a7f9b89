package health.rapport.plugin.content;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.fhir.testing.ContentFile;
import health.rapport.fhir.testing.RapportContent;
import health.rapport.fhir.testing.RapportValidator;
import health.rapport.plugin.careplan.ResponseExtraction;
import health.rapport.plugin.fhir.Canonicals;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Everything Rapport extracts from the shipped example response of every shipped Questionnaire validates with 0
 * errors against FHIR R4 and Rapport's profiles, the transaction as a whole and each resource in it. (What is
 * extracted is {@code careplan.ExtractEveryQuestionnaireTest}'s; this is the conformance, with HAPI's validator.)
 */
class ExtractionConformanceTest {

    private final ResponseExtraction extraction = new ResponseExtraction();

    @Test
    void everyExtractionValidates() {
        List<Questionnaire> questionnaires = RapportContent.classpathContent().stream().map(ContentFile::resource)
                .filter(Questionnaire.class::isInstance).map(Questionnaire.class::cast).toList();
        Map<String, QuestionnaireResponse> examples = RapportContent.classpathExamples().stream()
                .map(ContentFile::resource).filter(QuestionnaireResponse.class::isInstance)
                .map(QuestionnaireResponse.class::cast)
                .collect(Collectors.toMap(r -> Canonicals.url(r.getQuestionnaire()), r -> r, (a, b) -> a));
        int validated = 0;
        for (Questionnaire questionnaire : questionnaires) {
            QuestionnaireResponse stored = examples.get(questionnaire.getUrl()).copy();
            stored.getMeta().setVersionId("1");
            Bundle transaction = ResponseExtraction.asTransaction(extraction.extract(stored));
            assertThat(errors(transaction)).as("transaction from %s", questionnaire.getUrl()).isEmpty();
            for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
                assertThat(errors(entry.getResource())).as("%s from %s", entry.getResource().fhirType(),
                        questionnaire.getUrl()).isEmpty();
                validated++;
            }
        }
        assertThat(validated).as("resources extracted from the examples").isPositive();
    }

    private static List<String> errors(Resource resource) {
        return RapportValidator.errors(RapportValidator.fromClasspath().validate(resource)).stream()
                .map(RapportValidator::describe).toList();
    }
}
