package health.rapport.plugin.store;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;

/**
 * Asks the FHIR server for current results on every read and search. FHIR servers may answer a
 * search that repeats an earlier one from that earlier result set: HAPI FHIR JPA does so for 60 s
 * as shipped ({@code reuse_cached_search_results_millis}). Rapport's safety check, its "already
 * processed" markers and its open-course look-ups must see what the chart holds now, so every GET
 * says {@code Cache-Control: no-cache}, which HAPI honours (and which RFC 9111 gives every cache).
 */
final class CurrentReads implements IClientInterceptor {

    @Override
    public void interceptRequest(IHttpRequest request) {
        if ("GET".equals(request.getHttpVerbName())) {
            request.addHeader("Cache-Control", "no-cache");
        }
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // Nothing to do with answers.
    }
}
