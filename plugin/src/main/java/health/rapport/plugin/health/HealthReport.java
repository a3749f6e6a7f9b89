package health.rapport.plugin.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import health.rapport.plugin.content.RegistrationState;

/** The readiness report served at {@code /rapport/health}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthReport(Status status, String version, FhirServer fhirServer, RegistrationState content,
        CapabilityCheck.Result fhirServerCapabilities) {

    /** A report without the capability self-check (none has run for this configuration). */
    public HealthReport(Status status, String version, FhirServer fhirServer, RegistrationState content) {
        this(status, version, fhirServer, content, null);
    }

    public enum Status { UP, DOWN }

    /** How the configured FHIR server answered. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FhirServer(Reachability status, String baseUrl, Long latencyMillis, String fhirVersion,
            String software, String error) {
    }

    public enum Reachability { REACHABLE, UNREACHABLE, UNCONFIGURED }

    public boolean ready() {
        return status == Status.UP;
    }

    /**
     * What an anonymous caller may see: up or down and why in one word, never where the EHR's
     * FHIR server is nor the words of its failures (they name hosts and URLs).
     */
    public HealthReport withoutDetails() {
        FhirServer server = fhirServer == null ? null
                : new FhirServer(fhirServer.status(), null, fhirServer.latencyMillis(), null, null, null);
        RegistrationState registration = content == null ? null : new RegistrationState(content.status(),
                content.resources(), content.created(), content.attempts(), null, content.updated());
        return new HealthReport(status, version, server, registration);
    }
}
