package health.rapport.plugin.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import health.rapport.plugin.content.ContentRegistration;
import health.rapport.plugin.content.RegistrationState;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.Ping;
import health.rapport.plugin.store.StoreFailure;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthReporterTest {

    private final ChartStore store = mock(ChartStore.class);
    private final ContentRegistration content = mock(ContentRegistration.class);

    @Test
    void upWhenTheServerAnswersAndContentIsRegistered() {
        when(store.baseUrl()).thenReturn("https://ehr.example.org/fhir");
        when(store.ping()).thenReturn(new Ping(12, "4.0.1", "HAPI FHIR Server 8.8.0"));
        when(content.state()).thenReturn(state(RegistrationState.Status.REGISTERED));

        HealthReport report = new HealthReporter(Optional.of(store), Optional.of(content), "1.0.0").report();

        assertThat(report.ready()).isTrue();
        assertThat(report.fhirServer().status()).isEqualTo(HealthReport.Reachability.REACHABLE);
        assertThat(report.fhirServer().latencyMillis()).isEqualTo(12);
        assertThat(report.version()).isEqualTo("1.0.0");
    }

    @Test
    void downWhileContentIsStillPending() {
        when(store.ping()).thenReturn(new Ping(3, "4.0.1", ""));
        when(content.state()).thenReturn(state(RegistrationState.Status.PENDING));

        HealthReport report = new HealthReporter(Optional.of(store), Optional.of(content), "1.0.0").report();

        assertThat(report.ready()).isFalse();
        assertThat(report.fhirServer().status()).isEqualTo(HealthReport.Reachability.REACHABLE);
    }

    @Test
    void unreachableServerIsReportedWithItsReason() {
        when(store.baseUrl()).thenReturn("https://ehr.example.org/fhir");
        when(store.ping()).thenThrow(new ChartStoreException(StoreFailure.UNAVAILABLE, 0,
                "capabilities: FHIR server unreachable (ConnectException: refused)", null, null));
        when(content.state()).thenReturn(state(RegistrationState.Status.RETRYING));

        HealthReport report = new HealthReporter(Optional.of(store), Optional.of(content), "1.0.0").report();

        assertThat(report.status()).isEqualTo(HealthReport.Status.DOWN);
        assertThat(report.fhirServer().status()).isEqualTo(HealthReport.Reachability.UNREACHABLE);
        assertThat(report.fhirServer().error()).contains("unreachable");
    }

    @Test
    void withoutConfigurationItSaysSo() {
        HealthReport report = new HealthReporter(Optional.empty(), Optional.empty(), "1.0.0").report();

        assertThat(report.ready()).isFalse();
        assertThat(report.fhirServer().status()).isEqualTo(HealthReport.Reachability.UNCONFIGURED);
        assertThat(report.fhirServer().error()).contains("health.rapport.fhirserver");
        assertThat(report.content()).isNull();
    }

    private static RegistrationState state(RegistrationState.Status status) {
        return new RegistrationState(status, 10, 0, 1, null, Instant.now());
    }
}
