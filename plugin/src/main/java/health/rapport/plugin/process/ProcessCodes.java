package health.rapport.plugin.process;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.content.ContentLibrary;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;

/**
 * Checks a coded parameter against the shipped Rapport CodeSystem it must come from and gives it the
 * shipped display, so what is written always validates against the process-event profiles.
 */
final class ProcessCodes {

    private final ContentLibrary library;

    ProcessCodes(ContentLibrary library) {
        this.library = library;
    }

    Coding require(String parameter, Coding given, String system) {
        List<String> codes = codes(system);
        if (given == null || given.isEmpty()) {
            throw OperationFailure.invalid(parameter + " is required: one of " + String.join(", ", codes)
                    + " (system " + system + ").");
        }
        if (!system.equals(given.getSystem()) || !codes.contains(given.getCode())) {
            throw OperationFailure.invalid(parameter + " must be one of " + String.join(", ", codes) + " (system "
                    + system + "); '" + given.getCode() + "' is not.");
        }
        return new Coding(system, given.getCode(), library.display(system, given.getCode()).orElse(null));
    }

    /** A code of ours, with its display. */
    Coding of(String system, String code) {
        return new Coding(system, code, library.display(system, code).orElse(null));
    }

    private List<String> codes(String system) {
        return library.resolve(CodeSystem.class, system).stream().flatMap(cs -> cs.getConcept().stream())
                .map(CodeSystem.ConceptDefinitionComponent::getCode).toList();
    }
}
