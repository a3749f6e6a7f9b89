package health.rapport.plugin.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.fhir.testing.ContentFile;
import health.rapport.fhir.testing.RapportContent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;

/**
 * SDC $extract on every shipped Questionnaire, through its shipped example response: a Questionnaire that claims an
 * extraction profile (sdc-questionnaire-extr-obsn / -extr-defn) yields resources, one that claims none yields none.
 * That everything extracted validates with 0 errors against the profiles is {@code content.ExtractionConformanceTest}'s
 * (the validator takes long to start; this class stays in the fast loop of the clinical logic).
 */
class ExtractEveryQuestionnaireTest {

    private static final Set<String> EXTRACTION_PROFILES = Set.of(
            "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-extr-obsn",
            "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-extr-defn");

    private final ResponseExtraction extraction = new ResponseExtraction();

    @Test
    void everyShippedQuestionnaireHasAnExampleAndExtractsWhatItsProfileClaims() {
        List<Questionnaire> questionnaires = RapportContent.classpathContent().stream().map(ContentFile::resource)
                .filter(Questionnaire.class::isInstance).map(Questionnaire.class::cast).toList();
        assertThat(questionnaires).hasSizeGreaterThanOrEqualTo(5);
        Map<String, QuestionnaireResponse> examples = RapportContent.classpathExamples().stream()
                .map(ContentFile::resource).filter(QuestionnaireResponse.class::isInstance)
                .map(QuestionnaireResponse.class::cast)
                .collect(Collectors.toMap(r -> health.rapport.plugin.fhir.Canonicals.url(r.getQuestionnaire()), r -> r, (a, b) -> a));

        for (Questionnaire questionnaire : questionnaires) {
            QuestionnaireResponse example = examples.get(questionnaire.getUrl());
            assertThat(example).as("an example response to %s", questionnaire.getUrl()).isNotNull();
            QuestionnaireResponse stored = example.copy();
            stored.getMeta().setVersionId("1");

            ResponseExtraction.Extraction extracted = extraction.extract(stored);
            boolean claimsExtraction = questionnaire.getMeta().getProfile().stream().map(CanonicalType::getValue)
                    .anyMatch(EXTRACTION_PROFILES::contains);
            assertThat(claimsExtraction).as("%s claims an extraction profile exactly when it carries SDC extraction "
                    + "metadata", questionnaire.getUrl()).isEqualTo(hasExtractionMetadata(questionnaire.getItem()));
            assertThat(ResponseExtraction.isEmpty(extracted)).as("nothing extracted from %s", questionnaire.getUrl())
                    .isEqualTo(!claimsExtraction);

            Bundle transaction = ResponseExtraction.asTransaction(extracted);
            assertThat(transaction.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
            for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
                assertThat(entry.getRequest().getIfNoneExist()).as("conditional create").isNotBlank();
            }
        }
    }

    @Test
    void sessionFeedbackGivesOneObservationPerRatedItemAndTheSessionAllianceScore() {
        QuestionnaireResponse example = RapportContent.load(RapportContent.EXAMPLES,
                "QuestionnaireResponse-example-maya-session-feedback.json", QuestionnaireResponse.class);
        example.getMeta().setVersionId("3");

        List<Observation> observations = extraction.extract(example).observations();

        assertThat(observations).extracting(o -> o.getCode().getCodingFirstRep().getCode())
                .containsExactly("session-alliance", "session-felt-understood", "session-focus-agreed",
                        "session-alliance-score");
        // mostly (3) + completely (4) + mostly (3)
        assertThat(observations.get(3).getValueIntegerType().getValue()).isEqualTo(10);
        assertThat(observations).allSatisfy(o -> {
            assertThat(o.getSubject().getReference()).isEqualTo("Patient/example-maya");
            assertThat(o.getDerivedFromFirstRep().getReference())
                    .isEqualTo("QuestionnaireResponse/example-maya-session-feedback");
            assertThat(o.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        });
        assertThat(observations.get(0).getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("mostly");
        // The same response version always gives the same identifiers (idempotent conditional creates).
        assertThat(extraction.extract(example).observations()).extracting(o -> o.getIdentifierFirstRep().getValue())
                .containsExactlyElementsOf(observations.stream().map(o -> o.getIdentifierFirstRep().getValue()).toList());
    }

    @Test
    void sessionFeedbackMappingIsTheQuestionnairesObservationExtractMetadata() {
        Questionnaire questionnaire = RapportContent.load(RapportContent.CONTENT, "Questionnaire-session-feedback.json",
                Questionnaire.class);
        Map<String, String> marked = new java.util.LinkedHashMap<>();
        for (Questionnaire.QuestionnaireItemComponent group : questionnaire.getItem()) {
            for (Questionnaire.QuestionnaireItemComponent item : group.getItem()) {
                org.hl7.fhir.r4.model.Extension extract = item.getExtensionByUrl(
                        health.rapport.plugin.fhir.Canonicals.EXT_SDC_OBSERVATION_EXTRACT);
                if (extract != null && ((org.hl7.fhir.r4.model.BooleanType) extract.getValue()).booleanValue()) {
                    assertThat(item.getCodeFirstRep().getSystem())
                            .isEqualTo(health.rapport.plugin.fhir.Canonicals.CS_OBSERVATION);
                    marked.put(item.getLinkId(), item.getCodeFirstRep().getCode());
                }
            }
        }
        assertThat(marked).containsExactlyEntriesOf(
                health.rapport.plugin.inventory.SessionFeedbackExtractor.ITEMS);
    }

    private static boolean hasExtractionMetadata(List<Questionnaire.QuestionnaireItemComponent> items) {
        for (Questionnaire.QuestionnaireItemComponent item : items) {
            if (item.hasExtension(health.rapport.plugin.fhir.Canonicals.EXT_SDC_OBSERVATION_EXTRACT)
                    || item.hasExtension(health.rapport.plugin.fhir.Canonicals.EXT_SDC_DEFINITION_EXTRACT)
                    || hasExtractionMetadata(item.getItem())) {
                return true;
            }
        }
        return false;
    }
}
