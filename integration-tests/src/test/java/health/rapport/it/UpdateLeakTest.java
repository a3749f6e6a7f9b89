package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import health.rapport.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;

/**
 * Updating the bundle as FileInstall does (update, then refresh), and stopping and starting it,
 * many times under light load: every old class loader and component instance is collected, the
 * threads and the heap come back to where they were, and the whiteboard lists no failed servlet,
 * filter, resource or context.
 *
 * <p>{@code -Drapport.updates=N} (default 10, a few seconds each) sets the rounds; 50 is the figure
 * in docs/performance.md. {@code -Drapport.heapDump=<file.hprof>} dumps the heap when something is
 * retained, for a path to the GC roots.
 */
@ExtendWith(SandboxExtension.class)
class UpdateLeakTest {

    private static final int ROUNDS = Integer.getInteger("rapport.updates", 10);
    private static final String PLUGIN = "/health/rapport/sandbox/osgi/bundles/rapport-plugin.jar";
    /** One leaked activation keeps its FHIR model and HAPI context, far more than this. */
    private static final long HEAP_SLACK_BYTES = 48L << 20;
    /** Threads the JVM and Jetty start and end on their own (attach listener, pool growth). */
    private static final int THREAD_SLACK = 4;

    @Test
    void manyUpdatesLeaveNoOldClassLoaderNoThreadAndNoFailedWhiteboardEntry(Sandbox sandbox) throws Exception {
        Footprint before = Footprint.settled();
        List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();
        try (LightLoad load = LightLoad.start(sandbox)) {
            for (int i = 0; i < ROUNDS; i++) {
                Bundle rapport = sandbox.osgiHost().rapportBundle();
                oldLoaders.add(new WeakReference<>(rapport.adapt(BundleWiring.class).getClassLoader()));
                try (InputStream jar = UpdateLeakTest.class.getResourceAsStream(PLUGIN)) {
                    rapport.update(jar);
                }
                refresh(sandbox, rapport);
                awaitReady(sandbox, "update " + (i + 1));
            }
            assertThat(load.answered()).as("requests answered during the updates").isPositive();
        }

        assertNoWhiteboardFailure(sandbox);
        List<ClassLoader> retained = awaitCollected(oldLoaders);
        Footprint after = Footprint.settledNear(before);
        System.out.printf("UpdateLeakTest: %d updates: heap %d -> %d MB, threads %d -> %d, old class loaders "
                + "collected %d of %d%n", ROUNDS, before.heapMb(), after.heapMb(), before.threads(), after.threads(),
                ROUNDS - retained.size(), ROUNDS);
        dumpIfRetained(retained);
        assertThat(retained).as("old class loaders still reachable; threads holding one: %s", holdersOf(retained))
                .isEmpty();
        after.assertNear(before);
    }

    @Test
    void manyStopsAndStartsLeaveNoComponentInstanceAndNoThread(Sandbox sandbox) throws Exception {
        Footprint before = Footprint.settled();
        List<WeakReference<Object>> oldRuntimes = new ArrayList<>();
        try (LightLoad load = LightLoad.start(sandbox)) {
            for (int i = 0; i < ROUNDS; i++) {
                oldRuntimes.add(new WeakReference<>(fhirRuntime(sandbox)));
                Bundle rapport = sandbox.osgiHost().rapportBundle();
                rapport.stop();
                rapport.start();
                awaitReady(sandbox, "restart " + (i + 1));
            }
        }

        assertNoWhiteboardFailure(sandbox);
        List<Object> retained = awaitCollected(oldRuntimes);
        Footprint after = Footprint.settledNear(before);
        System.out.printf("UpdateLeakTest: %d stops and starts: heap %d -> %d MB, threads %d -> %d, old components "
                + "collected %d of %d%n", ROUNDS, before.heapMb(), after.heapMb(), before.threads(), after.threads(),
                ROUNDS - retained.size(), ROUNDS);
        dumpIfRetained(retained);
        assertThat(retained).as("FhirRuntime instances of earlier activations still reachable").isEmpty();
        after.assertNear(before);
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

    private static void awaitReady(Sandbox sandbox, String after) {
        HttpResponse<String> ready = Http.getUntil(sandbox.rapportUrl() + "/health",
                r -> r.statusCode() == 200, Duration.ofSeconds(60));
        assertThat(ready.statusCode()).as("ready after %s", after).isEqualTo(200);
    }

    /** The component instance of this activation (its class is the bundle's, so it is held as an Object). */
    private static Object fhirRuntime(Sandbox sandbox) {
        BundleContext context = sandbox.osgiHost().context();
        ServiceReference<?> reference = context.getServiceReference("health.rapport.plugin.fhir.FhirRuntime");
        assertThat(reference).as("FhirRuntime registered").isNotNull();
        try {
            return context.getService(reference);
        } finally {
            context.ungetService(reference);
        }
    }

    private static void assertNoWhiteboardFailure(Sandbox sandbox) {
        RuntimeDTO runtime = sandbox.osgiHost().withService(HttpServiceRuntime.class, HttpServiceRuntime::getRuntimeDTO);
        String failed = Arrays.stream(runtime.failedServletDTOs).map(f -> f.name + " reason " + f.failureReason)
                .collect(Collectors.joining(", "));
        assertThat(runtime.failedServletDTOs).as("failed servlets: %s", failed).isEmpty();
        assertThat(runtime.failedFilterDTOs).isEmpty();
        assertThat(runtime.failedServletContextDTOs).isEmpty();
        assertThat(runtime.failedErrorPageDTOs).isEmpty();
        assertThat(runtime.failedResourceDTOs).isEmpty();
        assertThat(runtime.failedListenerDTOs).isEmpty();
    }

    /** Collects garbage until every reference is cleared or a minute passes; what is still there. */
    private static <T> List<T> awaitCollected(List<WeakReference<T>> references) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (references.stream().anyMatch(ref -> ref.get() != null) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(200);
        }
        return references.stream().map(WeakReference::get).filter(o -> o != null).toList();
    }

    private static void dumpIfRetained(List<?> retained) throws IOException {
        String dump = System.getProperty("rapport.heapDump");
        if (dump != null && !retained.isEmpty()) {
            Files.deleteIfExists(Path.of(dump));
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump, true);
        }
    }

    /** What keeps an old loader alive most often: a thread it started, or one that kept it as context loader. */
    private static String holdersOf(List<ClassLoader> loaders) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> loaders.contains(t.getContextClassLoader()) || loaders.contains(t.getClass().getClassLoader()))
                .map(Thread::getName).collect(Collectors.joining(", "));
    }

    /** Heap in use after a full collection, and live threads. */
    private record Footprint(long heapBytes, int threads, Set<String> threadNames) {

        static Footprint settled() throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            Runtime runtime = Runtime.getRuntime();
            Set<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .collect(Collectors.toSet());
            return new Footprint(runtime.totalMemory() - runtime.freeMemory(),
                    ManagementFactory.getThreadMXBean().getThreadCount(), names);
        }

        /**
         * Measures until the footprint is back near {@code baseline} or half a minute passes: threads of
         * the old activations end on their own schedule (a JDK HttpClient's selector once its client is
         * collected, an idle pool worker after its keep-alive).
         */
        static Footprint settledNear(Footprint baseline) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Footprint now = settled();
            while (!now.near(baseline) && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                now = settled();
            }
            return now;
        }

        boolean near(Footprint baseline) {
            return heapBytes <= baseline.heapBytes + HEAP_SLACK_BYTES && threads <= baseline.threads + THREAD_SLACK;
        }

        void assertNear(Footprint baseline) {
            Set<String> added = threadNames.stream().filter(n -> !baseline.threadNames.contains(n))
                    .collect(Collectors.toSet());
            assertThat(threads).as("threads (new ones: %s)", added).isLessThanOrEqualTo(baseline.threads + THREAD_SLACK);
            assertThat(heapBytes).as("heap in use after GC, bytes").isLessThanOrEqualTo(baseline.heapBytes + HEAP_SLACK_BYTES);
        }

        long heapMb() {
            return heapBytes >> 20;
        }
    }

    /** Requests to the panel's health, Rapport's FHIR endpoint and its readiness while the bundle changes. */
    private static final class LightLoad implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger answered = new AtomicInteger();
        private final Thread thread;

        private LightLoad(List<Supplier<HttpResponse<String>>> calls) {
            this.thread = new Thread(() -> {
                int i = 0;
                while (running.get()) {
                    try {
                        if (calls.get(i++ % calls.size()).get().statusCode() == 200) {
                            answered.incrementAndGet();
                        }
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // The bundle is going or coming: the next call tries again.
                    }
                }
            }, "update-leak-light-load");
        }

        static LightLoad start(Sandbox sandbox) {
            String rapport = sandbox.rapportUrl();
            LightLoad load = new LightLoad(List.of(
                    () -> Http.get(rapport + "/health/live"),
                    () -> Http.get(rapport + "/fhir/metadata"),
                    () -> Http.get(rapport + "/health")));
            load.thread.setDaemon(true);
            load.thread.start();
            return load;
        }

        int answered() {
            return answered.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
