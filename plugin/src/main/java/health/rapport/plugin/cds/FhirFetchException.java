package health.rapport.plugin.cds;

/** A query to the request's FHIR server failed; the message names the status or cause, never the token. */
final class FhirFetchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FhirFetchException(String message) {
        super(message, null, false, false);
    }
}
