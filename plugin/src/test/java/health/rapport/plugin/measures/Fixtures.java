package health.rapport.plugin.measures;

import health.rapport.fhir.testing.RapportContent;
import health.rapport.fhir.testing.RapportValidator;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/** Fixtures: the shipped examples (as stored version 1) and this module's test responses. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A shipped example response, as the FHIR server would return it: with a version. */
    public static QuestionnaireResponse example(String id) {
        QuestionnaireResponse qr = RapportContent.load(RapportContent.EXAMPLES, "QuestionnaireResponse-" + id + ".json",
                QuestionnaireResponse.class);
        qr.getMeta().setVersionId("1");
        return qr;
    }

    /** A response under {@code src/test/resources/{folder}}. */
    public static QuestionnaireResponse response(String folder, String id) {
        return RapportContent.fixture(folder + "/QuestionnaireResponse-" + id + ".json", QuestionnaireResponse.class);
    }

    public static <T extends Resource> T content(String fileName, Class<T> type) {
        return RapportContent.load(RapportContent.CONTENT, fileName, type);
    }

    public static <T extends Resource> T shippedExample(String fileName, Class<T> type) {
        return RapportContent.load(RapportContent.EXAMPLES, fileName, type);
    }

    /** Asserts that the resource validates against Rapport's profiles with no error. */
    public static void assertValid(Resource resource) {
        ValidationResult result = RapportValidator.fromClasspath().validate(resource);
        List<String> errors = RapportValidator.errors(result).stream().map(RapportValidator::describe).toList();
        assertThat(errors)
                .as("validation errors of %s %s", resource.fhirType(),
                        result.getMessages().stream().map(RapportValidator::describe).collect(Collectors.joining("\n")))
                .isEmpty();
    }
}
