package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;

/** Config Admin changes take effect at once, without restarting the bundle or the host. */
@ExtendWith(SandboxExtension.class)
class ReconfigurationTest {

    private static final String PID = "health.rapport.fhirserver";

    @Test
    void aDownFhirServerIsReportedClearlyWithoutAnExceptionStorm(Sandbox sandbox) throws Exception {
        Bundle rapport = sandbox.osgiHost().rapportBundle();
        long bundleId = rapport.getBundleId();
        ListAppender<ILoggingEvent> log = Logs.capture();
        String deadServer = "http://127.0.0.1:" + SandboxExtension.freePort() + "/fhir";
        try {
            sandbox.osgiHost().configure(PID, Map.of("baseUrl", deadServer, "connectTimeoutMillis", 2000));

            HttpResponse<String> down = Http.getUntil(sandbox.rapportUrl() + "/health",
                    // the whole report: the servlet is re-created as the store's dependents come back
                    r -> r.statusCode() == 503 && r.body().contains("UNREACHABLE") && r.body().contains("RETRYING")
                            && r.body().contains("fhirServerCapabilities"), Duration.ofSeconds(30));
            assertThat(down.statusCode()).isEqualTo(503);
            JsonNode server = Json.parse(down.body()).path("fhirServer");
            assertThat(server.path("status").asText()).isEqualTo("UNREACHABLE");
            // Where the record is and why it failed are for the log, not for whoever asks.
            assertThat(down.body()).doesNotContain(deadServer).doesNotContain("127.0.0.1");
            for (int i = 0; i < 20; i++) {
                assertThat(Http.get(sandbox.rapportUrl() + "/health").statusCode()).isEqualTo(503);
            }
            // A load balancer takes the host out (not ready); nothing should restart it (alive).
            assertThat(Http.getAnonymously(sandbox.rapportUrl() + "/health/ready").statusCode()).isEqualTo(503);
            HttpResponse<String> live = Http.getAnonymously(sandbox.rapportUrl() + "/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(Json.parse(live.body()).path("status").asText()).isEqualTo("UP");
        } finally {
            sandbox.osgiHost().configure(PID, Map.of("baseUrl", sandbox.fhirBaseUrl()));
            Logs.release(log);
        }

        List<ILoggingEvent> trouble = log.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
        assertThat(trouble).as("21 health checks against a down server").hasSizeLessThanOrEqualTo(2)
                .allSatisfy(e -> assertThat(e.getThrowableProxy()).as(e.getFormattedMessage()).isNull())
                .noneMatch(e -> e.getLevel() == Level.ERROR);
        HttpResponse<String> up = Http.getUntil(sandbox.rapportUrl() + "/health",
                r -> r.statusCode() == 200, Duration.ofSeconds(60));
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(Json.parse(up.body()).path("fhirServer").path("baseUrl").asText()).isEqualTo(sandbox.fhirBaseUrl());
        assertThat(rapport.getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(sandbox.osgiHost().rapportBundle().getBundleId()).isEqualTo(bundleId);
    }

    @Test
    void anInvalidBaseUrlLeavesRapportUnconfiguredNotBroken(Sandbox sandbox) {
        try {
            sandbox.osgiHost().configure(PID, Map.of("baseUrl", "ftp://ehr.example.org/fhir"));

            HttpResponse<String> health = Http.getUntil(sandbox.rapportUrl() + "/health",
                    r -> r.body().contains("UNCONFIGURED"), Duration.ofSeconds(30));
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(Json.parse(health.body()).path("fhirServer").path("status").asText()).isEqualTo("UNCONFIGURED");
            assertThat(Http.get(sandbox.rapportUrl() + "/fhir/metadata").statusCode()).isEqualTo(200);
        } finally {
            sandbox.osgiHost().configure(PID, Map.of("baseUrl", sandbox.fhirBaseUrl()));
        }
        assertThat(Http.getUntil(sandbox.rapportUrl() + "/health", r -> r.statusCode() == 200,
                Duration.ofSeconds(60)).statusCode()).isEqualTo(200);
    }
}
