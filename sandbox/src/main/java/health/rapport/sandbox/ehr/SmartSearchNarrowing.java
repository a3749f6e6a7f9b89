package health.rapport.sandbox.ehr;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;

/**
 * Narrows each search made with a patient-scoped token to that patient's compartment (HAPI adds
 * the compartment parameter), as EHRs do: a search by identifier then finds only the patient's
 * own resources, and {@link SmartAuthorization} can allow it. Other tokens, and requests without
 * one, are not narrowed.
 */
public final class SmartSearchNarrowing extends SearchNarrowingInterceptor {

    private final SmartAuthorizer authorizer;

    public SmartSearchNarrowing(SmartAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    protected AuthorizedList buildAuthorizedList(RequestDetails request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorizer.peek(header.substring(7).trim())
                .filter(grant -> grant.patient() != null)
                .map(grant -> new AuthorizedList().addCompartment("Patient/" + grant.patient()))
                .orElse(null);
    }
}
