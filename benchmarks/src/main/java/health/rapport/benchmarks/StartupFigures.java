package health.rapport.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The startup and memory figures of docs/performance.md. Every timed start happens in a fresh
 * JVM (a child {@code java} process running {@link StartupChild}), so "cold" means cold:
 * class loading, JIT and the bundle cache all start from nothing.
 *
 * <pre>
 * benchmarks/run.sh startup [--only jar,host,sandbox,heap] [--host-runs 5] [--warm-runs 5]
 *                           [--sandbox-runs 3] [--jvm-opts "-Xmx2g -XX:TieredStopAtLevel=1"]
 * </pre>
 *
 * Prints a Markdown table and writes it, with the children's logs, under
 * {@code benchmarks/target/figures/}.
 */
public final class StartupFigures {

    /** What {@code ./sandbox.sh} runs the sandbox with (RAPPORT_SANDBOX_JAVA_OPTS's default). */
    static final String SANDBOX_JVM_OPTS = "-Xmx2g -XX:TieredStopAtLevel=1";
    private static final String LOGBACK = "health/rapport/sandbox/fhir/fhir-server-logback.xml";
    private static final long CHILD_TIMEOUT_MINUTES = 8;

    private final Path out;
    private final List<String> jvmOpts;
    private final List<String> rows = new ArrayList<>();

    private StartupFigures(Path out, List<String> jvmOpts) {
        this.out = out;
        this.jvmOpts = jvmOpts;
    }

    public static void main(String[] args) throws Exception {
        Set<String> only = new LinkedHashSet<>(List.of("jar", "host", "sandbox", "heap"));
        int hostRuns = 5;
        int warmRuns = 5;
        int sandboxRuns = 3;
        String opts = SANDBOX_JVM_OPTS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--only" -> only = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                case "--host-runs" -> hostRuns = Integer.parseInt(args[++i]);
                case "--warm-runs" -> warmRuns = Integer.parseInt(args[++i]);
                case "--sandbox-runs" -> sandboxRuns = Integer.parseInt(args[++i]);
                case "--jvm-opts" -> opts = args[++i];
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path out = Files.createDirectories(Path.of("benchmarks", "target", "figures", "startup-" + stamp));
        StartupFigures figures = new StartupFigures(out, List.of(opts.trim().split("\\s+")));
        System.out.println("# Rapport startup figures, " + Machine.now());
        System.out.println("Machine: " + Machine.describe());
        System.out.println("Child JVM options: " + opts + "   (logs: " + out + ")");
        System.out.println();
        System.out.println("| figure | value | load avg (1, 5, 15 min) at start → end |");
        System.out.println("|---|---|---|");
        if (only.contains("jar")) {
            figures.jar();
        }
        if (only.contains("host")) {
            figures.host(hostRuns, warmRuns);
        }
        if (only.contains("sandbox")) {
            figures.sandbox(sandboxRuns);
        }
        if (only.contains("heap")) {
            figures.heap();
        }
        Files.write(out.resolve("figures.md"), figures.rows);
    }

    // ---- (a) plugin jar size -------------------------------------------------------------

    private void jar() throws IOException {
        String load = Machine.loadAverage();
        Path jar = pluginJar();
        long size = Files.size(jar);
        long embedded = 0;
        long content = 0;
        List<JarEntry> libs = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : java.util.Collections.list(file.entries())) {
                if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                    embedded += entry.getCompressedSize();
                    libs.add(entry);
                } else if (entry.getName().startsWith("rapport/")) {
                    content += entry.getCompressedSize();
                }
            }
        }
        libs.sort(Comparator.comparingLong(JarEntry::getCompressedSize).reversed());
        StringBuilder top = new StringBuilder();
        for (JarEntry lib : libs.subList(0, Math.min(4, libs.size()))) {
            top.append(top.isEmpty() ? "" : ", ").append(lib.getName().substring(4)).append(' ')
                    .append(Stats.mib(lib.getCompressedSize()));
        }
        row("plugin jar size (" + jar.getFileName() + ")",
                String.format("%.1f MB (%s); %d embedded jars %s, content %s; largest: %s", size / 1e6,
                        Stats.mib(size), libs.size(), Stats.mib(embedded), Stats.mib(content), top),
                load);
    }

    private static Path pluginJar() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = path.getFileName().toString();
            if (name.startsWith("rapport-plugin") && name.endsWith(".jar")) {
                return path;
            }
        }
        Path fallback = Path.of("plugin", "target", "rapport-plugin-0.1.0-SNAPSHOT.jar");
        if (Files.isRegularFile(fallback)) {
            return fallback;
        }
        throw new IllegalStateException("the plugin jar is not on the class path; build with "
                + "./mvnw -pl benchmarks -am package -DskipTests");
    }

    // ---- (b) Felix + plugin start to the first 200, against a running FHIR server ---------

    private void host(int coldRuns, int warmRuns) throws Exception {
        String load = Machine.loadAverage();
        Path urlFile = out.resolve("fhir-server.properties");
        Process fhir = launch("fhir-server", out.resolve("fhir-server.log"), urlFile.toString());
        try {
            Properties server = awaitFile(urlFile, fhir);
            String base = server.getProperty("baseUrl");
            row("FHIR server alone (HAPI JPA, in-memory H2), JVM launch → ready", seconds(server, "sinceJvmStartMillis")
                    + " (one run; context for the figures below)", load);

            // One JVM, several hosts in a row: run 1 is the very first start (cold JVM, the
            // content created on the FHIR server); runs 2.. show what a warm JVM saves.
            load = Machine.loadAverage();
            Properties warm = child("host", "host-warm", base, Integer.toString(warmRuns));
            List<Long> warmReady = new ArrayList<>();
            for (int run = 2; run <= warmRuns; run++) {
                warmReady.add(Long.parseLong(warm.getProperty("run." + run + ".readyMillis")));
            }
            row("Felix + plugin, first start ever (content created on the FHIR server): OsgiHost.start → first 200",
                    seconds(warm, "run.1.readyMillis") + " (JVM launch → first 200: " + seconds(warm, "jvmToReadyMillis") + ")",
                    load);
            if (!warmReady.isEmpty()) {
                row("Felix + plugin, same JVM restarted " + warmReady.size() + "× (fresh cache each): start → first 200, min / median / max",
                        Stats.minMedianMaxSeconds(warmReady), load);
            }

            // Fresh JVMs: the honest cold figure (content already registered, as on any restart).
            load = Machine.loadAverage();
            List<Long> ready = new ArrayList<>();
            List<Long> fromLaunch = new ArrayList<>();
            List<Long> started = new ArrayList<>();
            for (int run = 1; run <= coldRuns; run++) {
                Properties cold = child("host", "host-cold-" + run, base, "1");
                ready.add(Long.parseLong(cold.getProperty("run.1.readyMillis")));
                started.add(Long.parseLong(cold.getProperty("run.1.startedMillis")));
                fromLaunch.add(Long.parseLong(cold.getProperty("jvmToReadyMillis")));
            }
            row("**Felix + plugin, cold (fresh JVM each, " + coldRuns + " runs): OsgiHost.start → first 200 from /rapport/health**, min / median / max",
                    "**" + Stats.minMedianMaxSeconds(ready) + "** (all bundles started after "
                            + Stats.minMedianMaxSeconds(started) + "); JVM launch → first 200: "
                            + Stats.minMedianMaxSeconds(fromLaunch), load);
        } finally {
            fhir.destroy();
            if (!fhir.waitFor(60, TimeUnit.SECONDS)) {
                fhir.destroyForcibly();
            }
        }
    }

    // ---- (c) sandbox cold start ------------------------------------------------------------

    private void sandbox(int runs) throws Exception {
        String load = Machine.loadAverage();
        List<Long> ready = new ArrayList<>();
        List<Long> fromLaunch = new ArrayList<>();
        List<Long> fhir = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Properties result = child("sandbox", "sandbox-" + run);
            ready.add(Long.parseLong(result.getProperty("startToReadyMillis")));
            fromLaunch.add(Long.parseLong(result.getProperty("jvmToReadyMillis")));
            fhir.add(Long.parseLong(result.getProperty("fhirServerMillis")));
        }
        row("**Sandbox cold start, in-memory (fresh JVM each, " + runs + " runs): JVM launch → /rapport/health 200**, min / median / max",
                "**" + Stats.minMedianMaxSeconds(fromLaunch) + "** (Sandbox.start → ready " + Stats.minMedianMaxSeconds(ready)
                        + ", of which the FHIR server " + Stats.minMedianMaxSeconds(fhir) + ")", load);
    }

    // ---- (d) heap held by the bundle -------------------------------------------------------

    private void heap() throws Exception {
        String load = Machine.loadAverage();
        Properties r = child("heap", "heap");
        long running = l(r, "running.heap");
        long stopped = l(r, "stopped.heap");
        long uninstalled = l(r, "uninstalled.heap");
        row("Sandbox (FHIR server + Felix + plugin, in-memory) after start: used heap after full GC",
                Stats.mib(running) + " (3 settled readings " + Stats.mib(l(r, "running.heap.min")) + " – "
                        + Stats.mib(l(r, "running.heap.max")) + "; committed " + Stats.mib(l(r, "heap.committed"))
                        + " of max " + Stats.mib(l(r, "heap.max")) + "); metaspace " + Stats.mib(l(r, "running.metaspace")),
                load);
        row("Sandbox process RSS after start (VmRSS; peak VmHWM)",
                Stats.mib(l(r, "running.rss")) + " (peak " + Stats.mib(l(r, "running.hwm")) + ")", load);
        row("**Heap held by the Rapport bundle** (used heap with it ACTIVE − after stopping it, full GC each)",
                "**" + Stats.mibSigned(running - stopped) + "**; after uninstall + refresh a further "
                        + Stats.mibSigned(stopped - uninstalled) + " of heap and "
                        + Stats.mibSigned(l(r, "stopped.metaspace") - l(r, "uninstalled.metaspace"))
                        + " of metaspace are freed. Live FhirContext instances (FHIR server's + bundle's) active / stopped / uninstalled: "
                        + r.getProperty("running.fhirContexts") + " / " + r.getProperty("stopped.fhirContexts") + " / "
                        + r.getProperty("uninstalled.fhirContexts") + "; live health.rapport.plugin.* objects: "
                        + r.getProperty("running.rapportObjects") + " / " + r.getProperty("stopped.rapportObjects") + " / "
                        + r.getProperty("uninstalled.rapportObjects") + "; bundle class loader collected after uninstall + refresh: "
                        + r.getProperty("uninstalled.classLoaderCollected")
                        + (r.getProperty("uninstalled.threadsWithBundleTccl", "").isEmpty() ? ""
                                : " (threads whose context class loader is still the bundle's: "
                                        + r.getProperty("uninstalled.threadsWithBundleTccl") + ")"),
                load);
        row("**Heap held by an ACTIVE Rapport bundle**, measured by installing it again (fresh class loader) and starting it: used heap after − before, full GC each",
                "**" + Stats.mibSigned(l(r, "reinstalled.heldHeap")) + "**; live FhirContext instances then "
                        + r.getProperty("reinstalled.fhirContexts"),
                load);
    }

    // ---- children ----------------------------------------------------------------------

    private Properties child(String mode, String name, String... args) throws Exception {
        Path result = out.resolve(name + ".properties");
        Path scratch = out.resolve(name + "-scratch");
        List<String> childArgs = new ArrayList<>(List.of(args));
        if (mode.equals("host")) {
            childArgs.add(result.toString());
            childArgs.add(scratch.toString());
        } else {
            childArgs.add(0, result.toString());
            childArgs.add(1, scratch.toString());
        }
        Process process = launch(mode, out.resolve(name + ".log"), childArgs.toArray(String[]::new));
        if (!process.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish in " + CHILD_TIMEOUT_MINUTES + " min; see "
                    + out.resolve(name + ".log"));
        }
        if (process.exitValue() != 0 || !Files.exists(result)) {
            throw new IllegalStateException(name + " failed (exit " + process.exitValue() + "); see "
                    + out.resolve(name + ".log"));
        }
        StartupChild.deleteTree(scratch);
        return load(result);
    }

    private Process launch(String mode, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOpts);
        command.add("-Dlogback.configurationFile=" + LOGBACK);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StartupChild.class.getName());
        command.add(mode);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static Properties awaitFile(Path file, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(CHILD_TIMEOUT_MINUTES);
        while (!Files.exists(file)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the FHIR server child exited with " + process.exitValue());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the FHIR server child did not start");
            }
            Thread.sleep(200);
        }
        return load(file);
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private void row(String figure, String value, String loadAtStart) {
        String line = "| " + figure + " | " + value + " | " + loadAtStart + " → " + Machine.loadAverage() + " |";
        rows.add(line);
        System.out.println(line);
    }

    private static long l(Properties p, String key) {
        return Long.parseLong(p.getProperty(key));
    }

    private static String seconds(Properties p, String key) {
        return String.format("%.2f s", l(p, key) / 1000.0);
    }
}
