package health.rapport.sandbox.ehr;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;

/**
 * The sandbox FHIR server's side of SMART: a request with a bearer token is served only if the
 * token is live (issued here, not expired). Requests without one stay open: the sandbox record is
 * reached on loopback, and Rapport's own background work uses no token there.
 */
@Interceptor
public final class BearerTokenCheck {

    private final SmartAuthorizer authorizer;

    public BearerTokenCheck(SmartAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
    public void check(RequestDetails request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorizer.use(header.substring(7).trim()).isEmpty()) {
            throw new AuthenticationException("The access token is not valid (unknown or expired).");
        }
    }
}
