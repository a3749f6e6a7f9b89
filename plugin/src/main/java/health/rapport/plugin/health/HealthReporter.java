package health.rapport.plugin.health;

import health.rapport.plugin.content.ContentRegistration;
import health.rapport.plugin.content.RegistrationState;
import health.rapport.plugin.health.HealthReport.FhirServer;
import health.rapport.plugin.health.HealthReport.Reachability;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.Ping;
import java.util.Optional;

/**
 * Decides whether Rapport is ready: the FHIR server answers and the content is registered.
 * A missing chart store means the FHIR server is not (validly) configured.
 */
public final class HealthReporter {

    private final Optional<ChartStore> store;
    private final Optional<ContentRegistration> content;
    private final String version;
    private final Optional<CapabilityCheck> capabilities;

    public HealthReporter(Optional<ChartStore> store, Optional<ContentRegistration> content, String version) {
        this(store, content, version, Optional.empty());
    }

    /**
     * With the FHIR server capability self-check: what the server does not declare is shown, but does not make
     * Rapport unready (a CapabilityStatement may under-declare what a server really does).
     */
    public HealthReporter(Optional<ChartStore> store, Optional<ContentRegistration> content, String version,
            Optional<CapabilityCheck> capabilities) {
        this.store = store;
        this.content = content;
        this.version = version;
        this.capabilities = capabilities;
    }

    public HealthReport report() {
        FhirServer server = store.map(HealthReporter::probe)
                .orElse(new FhirServer(Reachability.UNCONFIGURED, null, null, null, null,
                        "no valid configuration " + health.rapport.plugin.config.FhirServerConfiguration.PID));
        RegistrationState registration = content.map(ContentRegistration::state).orElse(null);
        boolean up = server.status() == Reachability.REACHABLE
                && registration != null && registration.status() == RegistrationState.Status.REGISTERED;
        return new HealthReport(up ? HealthReport.Status.UP : HealthReport.Status.DOWN, version, server, registration,
                capabilities.map(CapabilityCheck::result).orElse(null));
    }

    private static FhirServer probe(ChartStore store) {
        try {
            Ping ping = store.ping();
            return new FhirServer(Reachability.REACHABLE, store.baseUrl(), ping.latencyMillis(), ping.fhirVersion(),
                    ping.software(), null);
        } catch (ChartStoreException e) {
            return new FhirServer(Reachability.UNREACHABLE, store.baseUrl(), null, null, null, e.getMessage());
        }
    }
}
