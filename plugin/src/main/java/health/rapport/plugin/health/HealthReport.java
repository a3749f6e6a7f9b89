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
}
