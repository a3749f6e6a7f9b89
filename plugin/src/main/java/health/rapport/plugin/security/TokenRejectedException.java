package health.rapport.plugin.security;

/**
 * A CDS request's JWT was refused. The message says why in fixed words for a debug log; it
 * never contains the token or any of its values, and the caller only ever sees a bare 401.
 */
public final class TokenRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public TokenRejectedException(String reason) {
        super(reason, null, false, false);
    }
}
