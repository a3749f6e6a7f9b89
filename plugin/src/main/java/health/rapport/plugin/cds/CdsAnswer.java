package health.rapport.plugin.cds;

/**
 * What the CDS servlet sends back: a status and, unless null, a JSON body; or, for a refusal, the
 * plain words the servlet answers as an OperationOutcome (the one error answer, {@code http.ErrorAnswers}).
 *
 * @param status the HTTP status
 * @param body the object to write as JSON, or null for an empty body (or a refusal)
 * @param problem the refusal's words, or null when this is not one
 */
public record CdsAnswer(int status, Object body, String problem) {

    static CdsAnswer ok(Object body) {
        return new CdsAnswer(200, body, null);
    }

    static CdsAnswer empty() {
        return new CdsAnswer(200, null, null);
    }

    static CdsAnswer error(int status, String message) {
        return new CdsAnswer(status, null, message);
    }
}
