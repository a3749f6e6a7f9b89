package health.rapport.plugin.careplan;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A request Rapport refuses, with the status and the plain-words reason its client gets
 * back in an OperationOutcome. Processors throw it before writing anything.
 */
public final class OperationFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final IssueType issue;

    public OperationFailure(int status, IssueType issue, String message) {
        super(message);
        this.status = status;
        this.issue = issue;
    }

    public static OperationFailure invalid(String message) {
        return new OperationFailure(400, IssueType.INVALID, message);
    }

    public static OperationFailure notFound(String message) {
        return new OperationFailure(404, IssueType.NOTFOUND, message);
    }

    public static OperationFailure businessRule(String message) {
        return new OperationFailure(422, IssueType.BUSINESSRULE, message);
    }

    public static OperationFailure conflict(String message) {
        return new OperationFailure(409, IssueType.CONFLICT, message);
    }

    public int status() {
        return status;
    }

    public IssueType issue() {
        return issue;
    }
}
