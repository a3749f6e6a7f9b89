package health.rapport.plugin.cds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The parts of a CDS Hooks call Rapport uses.
 *
 * @param hook the hook name ({@code patient-view})
 * @param hookInstance the EHR's id of this call
 * @param patientId {@code context.patientId}, a checked FHIR id
 * @param userId {@code context.userId}, or null
 * @param fhirServer the FHIR base URL the EHR names, or null (not yet checked against the allowlist)
 * @param authorization {@code fhirAuthorization}, if sent
 * @param prefetch the prefetch object, or an empty object
 */
public record HookRequest(String hook, String hookInstance, String patientId, String userId, String fhirServer,
        Optional<FhirAuthorization> authorization, JsonNode prefetch) {

    /**
     * {@code fhirAuthorization}. {@link #toString()} hides the token: this record may end up in a
     * log line or a debugger, the token must not.
     */
    public record FhirAuthorization(String accessToken, String tokenType) {

        public boolean isBearer() {
            return "Bearer".equalsIgnoreCase(tokenType) && accessToken != null && !accessToken.isBlank();
        }

        @Override
        public String toString() {
            return "FhirAuthorization[tokenType=" + tokenType + ", accessToken=(hidden)]";
        }
    }
}
