package health.rapport.plugin.store;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import java.util.Optional;

/**
 * Puts the right credentials on each request to the FHIR server: the clinician's token when
 * the request runs on a clinician's behalf ({@link CallerToken}), otherwise Rapport's own
 * bearer token if one is configured, otherwise nothing.
 */
final class RequestAuthorization implements IClientInterceptor {

    private static final String AUTHORIZATION = "Authorization";

    private final java.util.function.Supplier<Optional<String>> serviceToken;

    RequestAuthorization(java.util.function.Supplier<Optional<String>> serviceToken) {
        this.serviceToken = serviceToken;
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        CallerToken.current().or(serviceToken)
                .ifPresent(token -> request.addHeader(AUTHORIZATION, "Bearer " + token));
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // Nothing to do with answers.
    }
}
