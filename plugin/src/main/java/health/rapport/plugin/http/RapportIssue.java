package health.rapport.plugin.http;

/**
 * The stable codes of Rapport's error answers ({@code OperationOutcome.issue.details}, system
 * {@link #SYSTEM}), each with the FHIR issue type it goes with. Clients may branch on these codes;
 * the words beside them are for people and may change.
 */
public enum RapportIssue {
    UNAUTHENTICATED("unauthenticated", "login"),
    FORBIDDEN("forbidden", "forbidden"),
    TOO_LARGE("body-too-large", "too-costly"),
    INVALID("invalid-request", "invalid"),
    NOT_FOUND("not-found", "not-found"),
    METHOD_NOT_ALLOWED("method-not-allowed", "not-supported"),
    CONFLICT("conflict", "conflict"),
    BUSINESS_RULE("business-rule", "business-rule"),
    FHIR_SERVER_REFUSED("fhir-server-refused", "processing"),
    FHIR_SERVER_UNAVAILABLE("fhir-server-unavailable", "transient"),
    FHIR_SERVER_TIMEOUT("fhir-server-timeout", "timeout"),
    UPDATING("updating", "transient"),
    INTERNAL("internal-error", "exception");

    public static final String SYSTEM = "https://rapport-ipt.org/fhir/CodeSystem/rapport-issue";

    private final String code;
    private final String issueType;

    RapportIssue(String code, String issueType) {
        this.code = code;
        this.issueType = issueType;
    }

    public String code() {
        return code;
    }

    /** The FHIR {@code issue.code} (IssueType) that goes with it. */
    public String issueType() {
        return issueType;
    }

    /** The issue a status answers with when nothing more precise is known. */
    public static RapportIssue forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404, 410 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 409, 412 -> CONFLICT;
            case 413 -> TOO_LARGE;
            case 422 -> BUSINESS_RULE;
            case 502 -> FHIR_SERVER_REFUSED;
            case 503 -> FHIR_SERVER_UNAVAILABLE;
            case 504 -> FHIR_SERVER_TIMEOUT;
            default -> status >= 500 ? INTERNAL : INVALID;
        };
    }
}
