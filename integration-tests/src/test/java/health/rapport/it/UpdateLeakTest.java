package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import health.rapport.sandbox.Sandbox;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleReference;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Updating the bundle as FileInstall does (update, then refresh), and stopping and starting it,
 * many times under light load: every old class loader and component instance is collected, and the
 * threads and the heap come back to where they were, and with the bundle stopped none of Rapport's
 * threads is left. A third test updates and restarts the bundle in turn and checks that the whiteboard
 * then lists no failed servlet, filter, resource, error page, listener or context.
 *
 * <p>Opt-in ({@code -Drapport.leakTest=true}): a round is a bundle start with its FHIR model scan, 40–70 s
 * each on the shared build machine, far beyond the suite's budget (docs/performance.md, "Updates and
 * restarts"). {@code -Drapport.updates=N} (default 10) sets the rounds, after one warm-up round.
 * {@code -Drapport.heapDump=<file.hprof>} dumps the heap when something is retained; {@code
 * benchmarks/run.sh heap-paths <file.hprof>} then prints the paths to the GC roots.
 */
@ExtendWith(SandboxExtension.class)
@EnabledIfSystemProperty(named = "rapport.leakTest", matches = "true")
class UpdateLeakTest {

    private static final int ROUNDS = Integer.getInteger("rapport.updates", 10);
    /** One leaked activation keeps its FHIR model and HAPI context, far more than this. */
    private static final long HEAP_SLACK_BYTES = 48L << 20;
    /**
     * Threads of other parts that start and end on their own schedule, beyond what the warm-up round
     * already started: Jetty's request pool grows under the light load and lets idle threads go only
     * after its idle timeout (60 s), and the JVM's attach listener or a JDK HttpClient worker of the
     * test's own client may come and go. Rapport's own threads are checked exactly, with the bundle
     * stopped ({@link #assertNoRapportThreadOnceStopped}).
     */
    private static final int THREAD_SLACK = 4;
    /** Rapport names every thread it starts so (executors, schedulers, pools). */
    private static final String RAPPORT_THREAD = "rapport-";
    /** The sandbox's FHIR server names its connection pool so: HikariCP's "rapport-fhir housekeeper" is not Rapport's. */
    private static final String SANDBOX_POOL = "rapport-fhir ";
    private static final String RAPPORT_BUNDLE = "health.rapport.plugin";

    @Test
    void manyUpdatesLeaveNoOldClassLoaderNoThreadAndNoFailedWhiteboardEntry(Sandbox sandbox) throws Exception {
        List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();
        // One round under load before the baseline: what the first update starts once (pools grown
        // to the load, the JDK's HttpClient machinery) belongs to the baseline, not to a leak.
        try (LightLoad load = LightLoad.start(sandbox)) {
            oldLoaders.add(update(sandbox, "warm-up update"));
        }
        Footprint before = Footprint.settled();
        try (LightLoad load = LightLoad.start(sandbox)) {
            for (int i = 0; i < ROUNDS; i++) {
                oldLoaders.add(update(sandbox, "update " + (i + 1)));
            }
            assertThat(load.answered()).as("requests answered during the updates").isPositive();
        }

        List<ClassLoader> retained = awaitCollected(oldLoaders);
        int left = retained.size();
        String holders = holdersOf(retained);
        retained = null;
        dumpIfRetained(left);
        Footprint after = Footprint.settledNear(before);
        System.out.printf("UpdateLeakTest: %d updates (+1 warm-up): heap %d -> %d MB, threads %d -> %d, old class "
                + "loaders collected %d of %d%n", ROUNDS, before.heapMb(), after.heapMb(), before.threads(),
                after.threads(), oldLoaders.size() - left, oldLoaders.size());
        assertThat(left).as("old class loaders still reachable; threads holding one: %s", holders).isZero();
        after.assertNear(before);
        assertNoRapportThreadOnceStopped(sandbox);
    }

    /** Updates the bundle as FileInstall does; the class loader it had. */
    private static WeakReference<ClassLoader> update(Sandbox sandbox, String round) throws Exception {
        Bundle rapport = sandbox.osgiHost().rapportBundle();
        WeakReference<ClassLoader> old = new WeakReference<>(rapport.adapt(BundleWiring.class).getClassLoader());
        BundleCycles.update(sandbox, round);
        return old;
    }

    /**
     * Every thread Rapport starts ends when its component deactivates: with the bundle stopped, no
     * {@code rapport-*} thread is left, and no thread runs with one of the bundle's class loaders as its
     * context class loader. Starts the bundle again afterwards.
     */
    private static void assertNoRapportThreadOnceStopped(Sandbox sandbox) throws Exception {
        Bundle rapport = sandbox.osgiHost().rapportBundle();
        rapport.stop();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<String> left = rapportThreads();
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                left = rapportThreads();
            }
            assertThat(left).as("Rapport's threads left after the bundle stopped").isEmpty();
        } finally {
            rapport.start();
            BundleCycles.awaitReady(sandbox, "the final start");
        }
    }

    private static List<String> rapportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(RAPPORT_THREAD) && !t.getName().startsWith(SANDBOX_POOL)
                        || isBundleLoader(t.getContextClassLoader()))
                .map(t -> t.getName() + (isBundleLoader(t.getContextClassLoader()) ? " (bundle loader as context)" : ""))
                .sorted().toList();
    }

    private static boolean isBundleLoader(ClassLoader loader) {
        return loader instanceof BundleReference bundle && bundle.getBundle() != null
                && RAPPORT_BUNDLE.equals(bundle.getBundle().getSymbolicName());
    }

    /**
     * The long form of {@code BundleLifecycleTest}'s whiteboard check (issue 15): {@code rapport.updates}
     * updates, each followed by a stop and start, leave no failed whiteboard entry.
     */
    @Test
    void updatesAndRestartsLeaveNoFailedWhiteboardEntry(Sandbox sandbox) throws Exception {
        BundleContext host = sandbox.osgiHost().context();
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        // What the whiteboard saw, in order, for the failure message: a failed entry names a service
        // that came or went while something else happened (the bundle's state tells what).
        AllServiceListener record = event -> {
            ServiceReference<?> reference = event.getServiceReference();
            Object name = reference.getProperty("osgi.http.whiteboard.servlet.name");
            Object context = reference.getProperty("osgi.http.whiteboard.context.name");
            Bundle owner = reference.getBundle();
            events.add(String.format("%s %s id %s, bundle state %s, thread %s", switch (event.getType()) {
                case ServiceEvent.REGISTERED -> "registered";
                case ServiceEvent.UNREGISTERING -> "unregistering";
                default -> "modified";
            }, name != null ? "servlet " + name : "context " + context, reference.getProperty("service.id"),
                    owner == null ? "-" : owner.getState(), Thread.currentThread().getName()));
        };
        host.addServiceListener(record, "(|(osgi.http.whiteboard.servlet.name=rapport-notify)"
                + "(osgi.http.whiteboard.context.name=" + "rapport" + "))");
        try {
            for (int i = 0; i < ROUNDS; i++) {
                update(sandbox, "update " + (i + 1));
                events.add("-- updated " + (i + 1));
                restart(sandbox, "restart " + (i + 1));
                events.add("-- restarted " + (i + 1));
            }
        } finally {
            host.removeServiceListener(record);
        }
        assertNoWhiteboardFailure(sandbox, events);
    }

    @Test
    void manyStopsAndStartsLeaveNoComponentInstanceAndNoThread(Sandbox sandbox) throws Exception {
        List<WeakReference<Object>> oldRuntimes = new ArrayList<>();
        try (LightLoad load = LightLoad.start(sandbox)) {
            oldRuntimes.add(restart(sandbox, "warm-up restart"));
        }
        Footprint before = Footprint.settled();
        try (LightLoad load = LightLoad.start(sandbox)) {
            for (int i = 0; i < ROUNDS; i++) {
                oldRuntimes.add(restart(sandbox, "restart " + (i + 1)));
            }
        }

        int left = awaitCollected(oldRuntimes).size();
        dumpIfRetained(left);
        Footprint after = Footprint.settledNear(before);
        System.out.printf("UpdateLeakTest: %d stops and starts (+1 warm-up): heap %d -> %d MB, threads %d -> %d, old "
                + "components collected %d of %d%n", ROUNDS, before.heapMb(), after.heapMb(), before.threads(),
                after.threads(), oldRuntimes.size() - left, oldRuntimes.size());
        assertThat(left).as("FhirRuntime instances of earlier activations still reachable").isZero();
        after.assertNear(before);
        assertNoRapportThreadOnceStopped(sandbox);
    }

    /** Stops and starts the bundle; the FhirRuntime instance it had. */
    private static WeakReference<Object> restart(Sandbox sandbox, String round) throws Exception {
        WeakReference<Object> old = new WeakReference<>(fhirRuntime(sandbox));
        BundleCycles.restart(sandbox, round);
        return old;
    }

    /** The component instance of this activation (its class is the bundle's, so it is held as an Object). */
    private static Object fhirRuntime(Sandbox sandbox) throws InvalidSyntaxException {
        BundleContext context = sandbox.osgiHost().context();
        // All references: the test's class path has its own copy of the class, which the plain look-up filters out.
        ServiceReference<?>[] references = context.getAllServiceReferences("health.rapport.plugin.fhir.FhirRuntime", null);
        assertThat(references).as("FhirRuntime registered").isNotNull().hasSize(1);
        ServiceReference<?> reference = references[0];
        try {
            return context.getService(reference);
        } finally {
            context.ungetService(reference);
        }
    }

    private static void assertNoWhiteboardFailure(Sandbox sandbox, List<String> events) {
        assertThat(WhiteboardFailures.of(sandbox)).as("failed whiteboard entries; service events:%n%s",
                String.join("\n", events)).isEmpty();
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

    /** Called with nothing of the bundle's held here, so that every path the dump shows is a real one. */
    private static void dumpIfRetained(int retained) throws IOException {
        String dump = System.getProperty("rapport.heapDump");
        if (dump != null && retained > 0) {
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
         * Measures until the footprint is back near {@code baseline} or 75 seconds pass: threads of the
         * old activations end on their own schedule (a JDK HttpClient's selector a few seconds after its
         * client is collected, an idle JDK HttpClient or Jetty pool worker after its 60 s keep-alive).
         */
        static Footprint settledNear(Footprint baseline) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(75);
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
