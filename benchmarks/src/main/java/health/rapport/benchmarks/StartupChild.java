package health.rapport.benchmarks;

import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.SandboxOptions;
import health.rapport.sandbox.fhir.FhirServer;
import health.rapport.sandbox.fhir.FhirServerSettings;
import health.rapport.sandbox.osgi.OsgiHost;
import health.rapport.sandbox.osgi.OsgiHostSettings;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.ObjectName;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * One measurement in a fresh JVM, started by {@link StartupFigures}; writes its results as a
 * properties file. Modes:
 * <ul>
 * <li>{@code fhir-server URL_FILE}: a HAPI FHIR JPA server (in-memory H2, random loopback port)
 *     that writes its base URL and start time to URL_FILE and serves until the process is ended;</li>
 * <li>{@code host FHIR_BASE RUNS RESULT SCRATCH}: RUNS times in this JVM, a fresh Felix host with a
 *     fresh cache directory, timed from {@code OsgiHost.start} to the first 200 from /rapport/health;</li>
 * <li>{@code sandbox RESULT SCRATCH}: the whole in-memory sandbox, timed to ready;</li>
 * <li>{@code heap RESULT SCRATCH}: the in-memory sandbox's used heap and RSS after start, then after
 *     the Rapport bundle is stopped, then after it is uninstalled and the framework refreshed.</li>
 * </ul>
 */
public final class StartupChild {

    static final String FHIR_SERVER_PID = "health.rapport.fhirserver";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private StartupChild() {
    }

    public static void main(String[] args) {
        try {
            switch (args[0]) {
                case "fhir-server" -> fhirServer(Path.of(args[1]));
                case "host" -> host(args[1], Integer.parseInt(args[2]), Path.of(args[3]), Path.of(args[4]));
                case "sandbox" -> sandbox(Path.of(args[1]), Path.of(args[2]));
                case "heap" -> heap(Path.of(args[1]), Path.of(args[2]));
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        } catch (Throwable e) {
            // Tomcat's and Jetty's non-daemon threads would otherwise keep a failed child alive.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void fhirServer(Path urlFile) throws Exception {
        FhirServer server = FhirServer.start(FhirServerSettings.inMemory().withRandomPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "fhir-server-shutdown"));
        Properties result = new Properties();
        result.setProperty("baseUrl", server.baseUrl());
        result.setProperty("startupMillis", Long.toString(server.startupMillis()));
        result.setProperty("sinceJvmStartMillis", Long.toString(millisSinceProcessStart()));
        write(result, urlFile);
        stopped.await();
    }

    private static void host(String fhirBase, int runs, Path resultFile, Path scratch) throws Exception {
        Properties result = new Properties();
        for (int run = 1; run <= runs; run++) {
            Path cache = Files.createTempDirectory(Files.createDirectories(scratch), "felix-cache");
            OsgiHostSettings settings = new OsgiHostSettings(cache, "127.0.0.1", Health.freeLoopbackPort());
            long start = System.nanoTime();
            try (OsgiHost host = OsgiHost.start(settings, Map.of(FHIR_SERVER_PID, Map.of("baseUrl", fhirBase)))) {
                long started = System.nanoTime();
                long ready = Health.awaitFirst200(host.rapportUrl(), READY_TIMEOUT);
                if (run == 1) {
                    result.setProperty("jvmToReadyMillis", Long.toString(millisSinceProcessStart()));
                }
                result.setProperty("run." + run + ".startedMillis", Long.toString(millis(started - start)));
                result.setProperty("run." + run + ".readyMillis", Long.toString(millis(ready - start)));
            } finally {
                deleteTree(cache);
            }
        }
        result.setProperty("runs", Integer.toString(runs));
        write(result, resultFile);
    }

    private static void sandbox(Path resultFile, Path scratch) throws Exception {
        Properties result = new Properties();
        long start = System.nanoTime();
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.inMemory(scratch, 0, Health.freeLoopbackPort()),
                READY_TIMEOUT)) {
            long ready = Health.awaitFirst200(sandbox.rapportUrl(), READY_TIMEOUT);
            result.setProperty("jvmToReadyMillis", Long.toString(millisSinceProcessStart()));
            result.setProperty("startToReadyMillis", Long.toString(millis(ready - start)));
            result.setProperty("fhirServerMillis", Long.toString(sandbox.fhirServer().startupMillis()));
        } finally {
            deleteTree(scratch);
        }
        write(result, resultFile);
    }

    private static void heap(Path resultFile, Path scratch) throws Exception {
        Properties result = new Properties();
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.inMemory(scratch, 0, Health.freeLoopbackPort()),
                READY_TIMEOUT)) {
            // Three settled readings with everything running: their spread is the noise floor.
            long[] running = new long[3];
            for (int i = 0; i < running.length; i++) {
                running[i] = settledUsedHeap();
            }
            result.setProperty("running.heap", Long.toString(running[2]));
            result.setProperty("running.heap.min", Long.toString(Math.min(running[0], Math.min(running[1], running[2]))));
            result.setProperty("running.heap.max", Long.toString(Math.max(running[0], Math.max(running[1], running[2]))));
            result.setProperty("running.rss", Long.toString(Machine.procStatusBytes("VmRSS")));
            result.setProperty("running.hwm", Long.toString(Machine.procStatusBytes("VmHWM")));
            result.setProperty("running.metaspace", Long.toString(metaspaceUsed()));
            result.setProperty("heap.committed", Long.toString(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted()));
            result.setProperty("heap.max", Long.toString(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax()));
            histogram(result, "running");

            Bundle rapport = sandbox.osgiHost().rapportBundle();
            rapport.stop();
            result.setProperty("stopped.heap", Long.toString(settledUsedHeap()));
            result.setProperty("stopped.metaspace", Long.toString(metaspaceUsed()));
            histogram(result, "stopped");

            // Uninstalled and refreshed: the bundle's class loader (classes, statics) can go too.
            WeakReference<ClassLoader> loader = new WeakReference<>(rapport.adapt(BundleWiring.class).getClassLoader());
            rapport.uninstall();
            CountDownLatch refreshed = new CountDownLatch(1);
            sandbox.osgiHost().framework().adapt(FrameworkWiring.class).refreshBundles(null, event -> {
                if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                    refreshed.countDown();
                }
            });
            refreshed.await(60, TimeUnit.SECONDS);
            result.setProperty("uninstalled.heap", Long.toString(settledUsedHeap()));
            result.setProperty("uninstalled.metaspace", Long.toString(metaspaceUsed()));
            result.setProperty("uninstalled.rss", Long.toString(Machine.procStatusBytes("VmRSS")));
            histogram(result, "uninstalled");
            settledUsedHeap();
            result.setProperty("uninstalled.classLoaderCollected", Boolean.toString(loader.get() == null));
            StringBuilder holders = new StringBuilder();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (loader.get() != null && thread.getContextClassLoader() == loader.get()) {
                    holders.append(holders.isEmpty() ? "" : ", ").append(thread.getName());
                }
            }
            result.setProperty("uninstalled.threadsWithBundleTccl", holders.toString());

            // The same bundle installed again (a fresh class loader, as an update gives it) and
            // started: what an ACTIVE bundle holds, whether or not the old copy was let go.
            long before = settledUsedHeap();
            Bundle again;
            try (InputStream in = OsgiHost.class.getResourceAsStream("bundles/rapport-plugin.jar")) {
                again = sandbox.osgiHost().context().installBundle("benchmark:rapport-plugin-again", in);
            }
            again.start();
            Health.awaitFirst200(sandbox.rapportUrl(), READY_TIMEOUT);
            result.setProperty("reinstalled.heldHeap", Long.toString(settledUsedHeap() - before));
            histogram(result, "reinstalled");
        } finally {
            deleteTree(scratch);
        }
        write(result, resultFile);
    }

    /**
     * Used heap after full collections, once two consecutive readings agree within 1 MiB
     * (at most 10 rounds). G1 treats {@code System.gc()} as a full, stop-the-world collection.
     */
    static long settledUsedHeap() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        long used = 0;
        for (int round = 0; round < 10; round++) {
            System.gc();
            Thread.sleep(300);
            used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 1024 * 1024) {
                return used;
            }
            previous = used;
        }
        return used;
    }

    /**
     * Live-object counts from a class histogram (a full GC first): FhirContext instances (the
     * FHIR server has its own; the bundle adds one) and instances of the bundle's own classes.
     * A bundle that lets go of everything shows both drop when it is stopped.
     */
    private static void histogram(Properties result, String phase) {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            return;
        }
        long fhirContexts = 0;
        long rapportObjects = 0;
        long rapportBytes = 0;
        for (String line : text.split("\\R")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[0].endsWith(":")) {
                continue;
            }
            String type = f[3];
            if (type.equals("ca.uhn.fhir.context.FhirContext")) {
                fhirContexts += Long.parseLong(f[1]);
            } else if (type.startsWith("health.rapport.plugin.")) {
                if (!phase.equals("running")) {
                    System.out.println("[histogram " + phase + "] " + line.trim());
                }
                rapportObjects += Long.parseLong(f[1]);
                rapportBytes += Long.parseLong(f[2]);
            }
        }
        result.setProperty(phase + ".fhirContexts", Long.toString(fhirContexts));
        result.setProperty(phase + ".rapportObjects", Long.toString(rapportObjects));
        result.setProperty(phase + ".rapportBytes", Long.toString(rapportBytes));
    }

    private static long metaspaceUsed() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if ("Metaspace".equals(pool.getName())) {
                return pool.getUsage().getUsed();
            }
        }
        return -1;
    }

    /** Wall time since the kernel started this process (covers JVM boot and class loading). */
    static long millisSinceProcessStart() {
        Instant start = ProcessHandle.current().info().startInstant()
                .orElse(Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        return Duration.between(start, Instant.now()).toMillis();
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    static void write(Properties properties, Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (var out = Files.newOutputStream(temporary)) {
            properties.store(out, null);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // scratch space; a leftover is harmless
        }
    }
}
