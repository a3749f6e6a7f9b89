package health.rapport.plugin.cds;

/** A CDS request the service cannot read (400); the message is safe to return. */
final class InvalidHookRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidHookRequestException(String message) {
        super(message, null, false, false);
    }
}
