package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;

/** Stopping and starting the bundle, as an administrator would from a console, and updating it. */
@ExtendWith(SandboxExtension.class)
class BundleLifecycleTest {

    private static final String CONTEXT_PID = "health.rapport.http";
    private static final String CONTEXT_PATH = "osgi.http.whiteboard.context.path";

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

    /**
     * Issue 15: stops and starts, then updates and refreshes, leave no failed entry in the whiteboard (a
     * service that went after its context used to leave one per activation, see {@code http.ContextGate}),
     * and every endpoint, filter and resource comes back. Three stops and starts and two updates: each is a
     * bundle start with its FHIR model scan, the longer runs are {@code UpdateLeakTest}'s.
     */
    @Test
    void stopsStartsAndUpdatesLeaveNoFailedWhiteboardEntry(Sandbox sandbox) throws Exception {
        BundleCycles.awaitReady(sandbox, "the sandbox's start");
        assertThat(WhiteboardFailures.of(sandbox)).as("failed whiteboard entries before the cycles").isEmpty();
        List<String> endpoints = rapportContextServices(sandbox);
        assertThat(endpoints).contains("servlet rapport-notify", "servlet rapport-health", "servlet rapport-fhir",
                "error page rapport-errors");

        for (int i = 1; i <= 3; i++) {
            BundleCycles.restart(sandbox, "stop and start " + i);
            assertThat(WhiteboardFailures.of(sandbox)).as("failed whiteboard entries after stop and start %d", i)
                    .isEmpty();
            assertThat(rapportContextServicesOnceBack(sandbox, endpoints)).as("after stop and start %d", i)
                    .containsExactlyInAnyOrderElementsOf(endpoints);
        }
        for (int i = 1; i <= 2; i++) {
            BundleCycles.update(sandbox, "update " + i);
            assertThat(WhiteboardFailures.of(sandbox)).as("failed whiteboard entries after update %d", i).isEmpty();
            assertThat(rapportContextServicesOnceBack(sandbox, endpoints)).as("after update %d", i)
                    .containsExactlyInAnyOrderElementsOf(endpoints);
        }
    }

    /**
     * Moving the context (a new {@code health.rapport.http} path, as an administrator would) and back keeps
     * every endpoint and leaves no failed whiteboard entry: the context is changed in place, not re-created
     * under its services.
     */
    @Test
    void movingTheContextAndBackLeavesNoFailedWhiteboardEntry(Sandbox sandbox) throws Exception {
        BundleCycles.awaitReady(sandbox, "the sandbox's start");
        List<String> endpoints = rapportContextServices(sandbox);
        String moved = sandbox.rapportUrl().replaceFirst("/rapport$", "/rapport-moved");
        try {
            sandbox.osgiHost().configure(CONTEXT_PID, Map.of(CONTEXT_PATH, "/rapport-moved"));

            HttpResponse<String> live = Http.getUntil(moved + "/health/live", r -> r.statusCode() == 200,
                    Duration.ofSeconds(30));
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(Http.getAnonymously(sandbox.rapportUrl() + "/health/live").statusCode()).isEqualTo(404);
            assertThat(WhiteboardFailures.of(sandbox)).as("failed whiteboard entries once moved").isEmpty();
            assertThat(rapportContextServicesOnceBack(sandbox, endpoints)).containsExactlyInAnyOrderElementsOf(endpoints);
        } finally {
            sandbox.osgiHost().unconfigure(CONTEXT_PID);
        }

        BundleCycles.awaitReady(sandbox, "moving the context back");
        assertThat(WhiteboardFailures.of(sandbox)).as("failed whiteboard entries once back").isEmpty();
        assertThat(rapportContextServicesOnceBack(sandbox, endpoints)).containsExactlyInAnyOrderElementsOf(endpoints);
    }

    /**
     * The context's services once they equal {@code expected} or 30 s have passed: a component with an
     * optional greedy reference (the chart store, say) registers again when that service comes, which
     * may be just after {@code /health} is ready.
     */
    private static List<String> rapportContextServicesOnceBack(Sandbox sandbox, List<String> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> services = rapportContextServices(sandbox);
        while (!services.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            services = rapportContextServices(sandbox);
        }
        return services;
    }

    /** What the whiteboard serves in the {@code rapport} context: servlets, error pages, filters and resources by name. */
    private static List<String> rapportContextServices(Sandbox sandbox) {
        ServletContextDTO rapport = Arrays.stream(sandbox.osgiHost()
                        .withService(HttpServiceRuntime.class, HttpServiceRuntime::getRuntimeDTO).servletContextDTOs)
                .filter(c -> "rapport".equals(c.name)).findFirst().orElseThrow();
        return Stream.of(
                Arrays.stream(rapport.servletDTOs).map(s -> "servlet " + s.name),
                Arrays.stream(rapport.errorPageDTOs).map(e -> "error page " + e.name),
                Arrays.stream(rapport.filterDTOs).map(f -> "filter " + f.name),
                Arrays.stream(rapport.resourceDTOs).map(r -> "resource " + Arrays.toString(r.patterns)))
                .flatMap(names -> names).sorted().toList();
    }
}
