package health.rapport.sandbox.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;

/**
 * Clients of the sandbox's own parts (the EHR pages, the seeder, the subscription set-up) on the
 * record. The FHIR server runs with HAPI's shipped search cache, which answers a repeated search
 * from a result set up to 60 s old; these clients read the chart as it is now, as an EHR's own
 * chart pages do.
 */
public final class RecordClients {

    private RecordClients() {
    }

    public static IGenericClient current(FhirContext fhir, String baseUrl) {
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = fhir.newRestfulGenericClient(baseUrl);
        AdditionalRequestHeadersInterceptor current = new AdditionalRequestHeadersInterceptor();
        current.addHeaderValue("Cache-Control", "no-cache");
        client.registerInterceptor(current);
        return client;
    }
}
