package health.rapport.plugin.exchange.imports;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One reason a document is refused, where it was found ({@code Bundle.entry[2].resource.status})
 * and what is wrong, in words a person sending the document can act on.
 */
record Problem(IssueType type, String expression, String message) {

    static Problem invalid(String expression, String message) {
        return new Problem(IssueType.INVALID, expression, message);
    }

    static Problem required(String expression, String message) {
        return new Problem(IssueType.REQUIRED, expression, message);
    }
}
