package health.rapport.plugin.operations;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.rapport.plugin.fhir.FhirIds;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Refuses, before any operation runs, a resource id in the path that is not a FHIR id: such an id
 * (a '#', a space, a '|' decoded from the address) must never reach the FHIR server, where it could
 * name another resource or fail with the server's own words.
 */
@Interceptor
final class IdGuard {

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request) {
        IIdType id = request.getId();
        if (id != null && id.hasIdPart() && !FhirIds.valid(id.getIdPart())) {
            throw new InvalidRequestException("The id in the address is not a FHIR id (letters, digits, '-' and '.', "
                    + "at most 64 characters).");
        }
    }
}
