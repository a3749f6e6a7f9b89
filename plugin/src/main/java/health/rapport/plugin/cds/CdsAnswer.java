package health.rapport.plugin.cds;

/**
 * What the CDS servlet sends back: a status and, unless null, a JSON body.
 *
 * @param status the HTTP status
 * @param body the object to write as JSON, or null for an empty body
 */
public record CdsAnswer(int status, Object body) {

    static CdsAnswer ok(Object body) {
        return new CdsAnswer(200, body);
    }

    static CdsAnswer error(int status, String message) {
        return new CdsAnswer(status, java.util.Map.of("error", message));
    }
}
