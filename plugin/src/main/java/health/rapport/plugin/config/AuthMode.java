package health.rapport.plugin.config;

/** How Rapport authenticates to the configured FHIR server. */
public enum AuthMode {
    NONE,
    /** A static token (.bearerToken). */
    BEARER,
    /** SMART Backend Services: client_credentials with a private_key_jwt assertion (clientId, .privateKey, scopes). */
    SMART_BACKEND
}
