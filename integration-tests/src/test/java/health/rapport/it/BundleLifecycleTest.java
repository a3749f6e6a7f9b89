package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;

/** Stopping and starting the bundle, as an administrator would from a console. */
@ExtendWith(SandboxExtension.class)
class BundleLifecycleTest {

    @Test
    void stoppingRemovesTheServletsAndStartingBringsThemBackWithoutDuplicatingContent(Sandbox sandbox)
            throws Exception {
        Bundle rapport = sandbox.osgiHost().rapportBundle();
        long id = rapport.getBundleId();
        try {
            rapport.stop();

            assertThat(rapport.getState()).isEqualTo(Bundle.RESOLVED);
            assertThat(Http.get(sandbox.rapportUrl() + "/health").statusCode()).isEqualTo(404);
            assertThat(Http.get(sandbox.rapportUrl() + "/fhir/metadata").statusCode()).isEqualTo(404);
        } finally {
            rapport.start();
        }

        HttpResponse<String> health = Http.getUntil(sandbox.rapportUrl() + "/health",
                r -> r.statusCode() == 200, Duration.ofSeconds(60));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(sandbox.osgiHost().rapportBundle().getBundleId()).isEqualTo(id);
        JsonNode content = Json.parse(health.body()).path("content");
        assertThat(content.path("status").asText()).isEqualTo("REGISTERED");
        assertThat(content.path("created").asInt()).as("resources created again by a restart").isZero();
        assertThat(Http.get(sandbox.rapportUrl() + "/fhir/metadata").statusCode()).isEqualTo(200);
    }
}
