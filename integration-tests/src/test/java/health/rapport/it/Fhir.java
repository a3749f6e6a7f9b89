package health.rapport.it;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.validation.ValidationResult;
import health.rapport.fhir.testing.RapportValidator;
import health.rapport.sandbox.fhir.RecordClients;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** The test run's one FhirContext, its clients and its validator. */
final class Fhir {

    static final FhirContext CONTEXT = FhirContext.forR4Cached();

    private Fhir() {
    }

    static IGenericClient client(String baseUrl) {
        // The FHIR server keeps its shipped search cache: tests read the record as it is now.
        return RecordClients.current(CONTEXT, baseUrl);
    }

    static <T extends IBaseResource> T parse(Class<T> type, String json) {
        return CONTEXT.newJsonParser().parseResource(type, json);
    }

    /**
     * Validates against FHIR R4 and Rapport's profiles (the content modules' validator) and
     * returns the error messages: expected empty.
     */
    static List<String> errors(IBaseResource resource) {
        ValidationResult result = RapportValidator.fromClasspath().validate(resource);
        return RapportValidator.errors(result).stream().map(RapportValidator::describe).toList();
    }
}
