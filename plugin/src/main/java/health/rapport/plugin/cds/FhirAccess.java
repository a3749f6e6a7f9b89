package health.rapport.plugin.cds;

/**
 * The EHR's FHIR server for one request, after the allowlist accepted it, with the token the EHR
 * granted for it. {@link #toString()} hides the token.
 *
 * @param baseUrl an allowlisted base URL, without trailing slash
 * @param accessToken the bearer token of {@code fhirAuthorization}
 */
record FhirAccess(String baseUrl, String accessToken) {

    @Override
    public String toString() {
        return "FhirAccess[baseUrl=" + baseUrl + ", accessToken=(hidden)]";
    }
}
