package health.rapport.plugin.config;

/** How Rapport authenticates to the configured FHIR server. */
public enum AuthMode {
    NONE,
    BEARER
}
