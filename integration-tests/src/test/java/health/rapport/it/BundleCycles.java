package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * What an administrator does to the running Rapport bundle: stop and start it from a console, or update it
 * as FileInstall does (the new jar, then a framework refresh). Each returns once {@code /rapport/health}
 * answers 200 again.
 */
final class BundleCycles {

    /** The bundle the sandbox installed, on the test class path. */
    static final String PLUGIN_JAR = "/health/rapport/sandbox/osgi/bundles/rapport-plugin.jar";
    /** A start is a FHIR model scan and the content check against the FHIR server: 40–70 s on a loaded machine. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private BundleCycles() {
    }

    /** Stops and starts the bundle. */
    static void restart(Sandbox sandbox, String round) throws Exception {
        Bundle rapport = sandbox.osgiHost().rapportBundle();
        rapport.stop();
        rapport.start();
        awaitReady(sandbox, round);
    }

    /** Updates the bundle with the same jar and refreshes it, as FileInstall does with a new version. */
    static void update(Sandbox sandbox, String round) throws Exception {
        Bundle rapport = sandbox.osgiHost().rapportBundle();
        try (InputStream jar = BundleCycles.class.getResourceAsStream(PLUGIN_JAR)) {
            assertThat(jar).as(PLUGIN_JAR).isNotNull();
            rapport.update(jar);
        }
        refresh(sandbox, rapport);
        awaitReady(sandbox, round);
    }

    static void awaitReady(Sandbox sandbox, String after) {
        HttpResponse<String> ready = Http.getUntil(sandbox.rapportUrl() + "/health",
                r -> r.statusCode() == 200, READY_TIMEOUT);
        assertThat(ready.statusCode()).as("/health after %s", after).isEqualTo(200);
    }

    private static void refresh(Sandbox sandbox, Bundle rapport) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        sandbox.osgiHost().framework().adapt(FrameworkWiring.class).refreshBundles(Set.of(rapport), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertThat(refreshed.await(60, TimeUnit.SECONDS)).as("refreshed").isTrue();
    }
}
