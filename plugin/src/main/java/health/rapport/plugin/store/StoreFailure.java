package health.rapport.plugin.store;

/**
 * What went wrong with the FHIR server, in terms a Rapport endpoint can answer with.
 * HAPI answers a stale If-Match with 409, other servers with 412: both are CONFLICT.
 */
public enum StoreFailure {
    NOT_FOUND(404),
    CONFLICT(409),
    /** The server refused the request as malformed (400). */
    INVALID(400),
    /** The server refused the request as unprocessable (422). */
    REJECTED(422),
    /** Rapport's own credentials were refused (401, 403): a configuration problem. */
    UNAUTHORISED(502),
    /** The caller's own token was refused (401): expired or revoked since Rapport checked it. */
    CLINICIAN_REFUSED(401),
    /** The caller's token does not allow this read or write (403): scope or patient compartment. */
    CALLER_FORBIDDEN(403),
    /** The server could not be reached, or said it is unavailable (503). */
    UNAVAILABLE(503),
    TIMEOUT(504),
    /** Anything else the server did wrong (5xx, unreadable answers, redirects). */
    BAD_GATEWAY(502);

    private final int httpStatus;

    StoreFailure(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The status a Rapport endpoint answers its own client with. */
    public int httpStatus() {
        return httpStatus;
    }
}
