package health.rapport.plugin.config;

/**
 * Where a CDS token's id ({@code jti}) is recorded so the token is refused the second time.
 * docs/security.md weighs the two; docs/performance.md has the figures.
 */
public enum ReplayCheck {
    /**
     * A marker on the FHIR server (one conditional create per accepted call): refused on every host that
     * shares the FHIR server, at the price of a write per chart opening.
     */
    FHIR_SERVER,
    /**
     * This host's memory only, no write: refused on this host; a token captured in transit could still be
     * played once on each other host until it expires (at most 5 minutes plus the clock skew).
     */
    HOST
}
