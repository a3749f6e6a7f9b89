package health.rapport.plugin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.sun.net.httpserver.HttpServer;
import health.rapport.plugin.config.AuthMode;
import health.rapport.plugin.config.FhirServerConfiguration;
import health.rapport.plugin.fhir.FhirRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The configured read timeout is the one the FHIR client really waits for: HAPI's client
 * factory has its own (10 s) that must not win over Rapport's.
 */
class ConfiguredTimeoutsTest {

    /** Longer than HAPI's own 10 s default, shorter than the generous timeout below. */
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(12);

    private static FhirRuntime runtime;
    private static HttpServer slowServer;
    private static final java.util.concurrent.atomic.AtomicInteger redirectsFollowed =
            new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        runtime = new FhirRuntime();
        slowServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slowServer.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slowServer.createContext("/fhir", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                Thread.sleep(SLOW_ANSWER.toMillis());
                byte[] body = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException clientGaveUp) {
                // the client's timeout closed the connection first: what the short-timeout test expects
            }
        });
        slowServer.createContext("/moved/fhir", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Location",
                        "http://127.0.0.1:" + slowServer.getAddress().getPort() + "/elsewhere/fhir/Questionnaire");
                exchange.sendResponseHeaders(302, -1);
            }
        });
        slowServer.createContext("/elsewhere", exchange -> {
            try (exchange) {
                redirectsFollowed.incrementAndGet();
                exchange.sendResponseHeaders(500, -1);
            }
        });
        slowServer.start();
    }

    @AfterAll
    static void stop() {
        slowServer.stop(0);
    }

    @Test
    void aSlowAnswerWithinTheConfiguredReadTimeoutArrives() throws IOException {
        RestChartStore store = new RestChartStore(runtime, config(15_000));
        try {
            long start = System.nanoTime();
            Bundle answer = store.search("Questionnaire?url=x");
            assertThat(answer.getTotal()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SLOW_ANSWER);
        } finally {
            store.close();
        }
    }

    @Test
    void aShortReadTimeoutEndsTheWaitAsATimeout() throws IOException {
        RestChartStore store = new RestChartStore(runtime, config(3_000));
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.search("Questionnaire?url=x"))
                    .isInstanceOfSatisfying(ChartStoreException.class,
                            e -> assertThat(e.failure()).isEqualTo(StoreFailure.TIMEOUT));
            // well before HAPI's own 10 s default would have ended it
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        } finally {
            store.close();
        }
    }

    @Test
    void aRedirectIsNeverFollowed() throws IOException {
        RestChartStore store = new RestChartStore(runtime, config("/moved/fhir", 3_000));
        try {
            assertThatThrownBy(() -> store.search("Questionnaire?url=x")).isInstanceOf(ChartStoreException.class);
            assertThat(redirectsFollowed).hasValue(0);
        } finally {
            store.close();
        }
    }

    private static FhirServerConfiguration config(int readTimeoutMillis) {
        return config("/fhir", readTimeoutMillis);
    }

    private static FhirServerConfiguration config(String path, int readTimeoutMillis) {
        FhirServerConfiguration config = mock(FhirServerConfiguration.class);
        when(config.baseUrl()).thenReturn("http://127.0.0.1:" + slowServer.getAddress().getPort() + path);
        when(config.auth()).thenReturn(AuthMode.NONE);
        when(config.connectTimeoutMillis()).thenReturn(2_000);
        when(config.readTimeoutMillis()).thenReturn(readTimeoutMillis);
        when(config.maxConnections()).thenReturn(4);
        when(config.maxConcurrentSearches()).thenReturn(3);
        return config;
    }
}
