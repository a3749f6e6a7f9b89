package health.rapport.plugin.http;

/**
 * A request Rapport refuses (4xx) or cannot complete because another system failed it (5xx, e.g. the
 * EHR's authorisation server during a SMART launch), with the status and the plain-words reason its
 * client gets back in an OperationOutcome. Processors throw it before writing anything; the edges (the FHIR operations'
 * {@code FailureTranslator}, the panel's and the CDS servlets) answer it with {@link ErrorAnswers}.
 * Its issue code follows from the status ({@link RapportIssue#forStatus}), the one status → issue
 * rule of every error answer.
 */
public final class OperationFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public OperationFailure(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a failure answers 4xx or 5xx, not " + status);
        }
        this.status = status;
    }

    public static OperationFailure invalid(String message) {
        return new OperationFailure(400, message);
    }

    public static OperationFailure forbidden(String message) {
        return new OperationFailure(403, message);
    }

    public static OperationFailure notFound(String message) {
        return new OperationFailure(404, message);
    }

    public static OperationFailure conflict(String message) {
        return new OperationFailure(409, message);
    }

    public static OperationFailure businessRule(String message) {
        return new OperationFailure(422, message);
    }

    public int status() {
        return status;
    }

    /** The stable code of the answer, by {@link RapportIssue#forStatus}. */
    public RapportIssue issue() {
        return RapportIssue.forStatus(status);
    }
}
