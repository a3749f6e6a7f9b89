package health.rapport.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator for a running sandbox: a fixed number of threads, each sending
 * its next request as soon as the previous one answered, for a fixed time (after a warm-up that
 * is not recorded) and never more than a fixed number of requests. Loopback addresses only.
 *
 * <pre>
 * benchmarks/run.sh load [--base http://127.0.0.1:8081/rapport] [--threads 4] [--seconds 30]
 *                        [--warmup 10] [--max-requests 2000000]
 *                        [--scenario health,apply,chart,form,ehr-chart,fhir-item9,caseload]
 *                        [--practitioner sandbox-clinician] [--timeout 30 (seconds per request)]
 *                        [--ehr http://localhost:8080/ehr/] [--patient ID] [--rate R]
 * </pre>
 *
 * <p>{@code --rate R} switches to an open loop ({@link OpenLoop}): R requests per second on a fixed schedule,
 * each latency measured from the time the request was due, so queueing in the server is not hidden;
 * {@code --threads} and {@code --max-requests} do not apply then.
 *
 * <p>{@code caseload} (the clinician's open courses with their flags) runs with the token of a SMART launch
 * without a patient, as {@code --practitioner}'s (an id; the sandbox clinician by default): seed the
 * sandbox with {@code --seed-cohort N} first.
 *
 * <p>{@code chart} (the panel's view of one patient) and {@code form} (the Interpersonal Inventory
 * ready to render) run with a clinician token from a SMART launch through the sandbox EHR.
 * {@code ehr-chart} loads the sandbox EHR's chart page of that patient, which calls Rapport's CDS
 * service (signed JWT, replay check on the FHIR server, card rules) and renders the cards.
 * {@code fhir-item9} is the baseline without Rapport: the sandbox FHIR server alone answering the
 * latest-PHQ-9-item-9 search of that patient with the same token (the slowest single read of a
 * chart view, and the one the safety card needs).
 */
public final class LoadGenerator {

    static final String APPLY_BODY = """
            {"resourceType":"Parameters","parameter":[
              {"name":"subject","valueString":"Patient/load-1"},
              {"name":"sessions","valueInteger":16},
              {"name":"problemArea","valueCoding":{"system":"https://rapport-ipt.org/fhir/CodeSystem/ipt-problem-area","code":"role-dispute","display":"Role dispute"}},
              {"name":"disputeStage","valueCoding":{"system":"https://rapport-ipt.org/fhir/CodeSystem/role-dispute-stage","code":"impasse","display":"Impasse"}}]}
            """;
    /** Open loop: answers outstanding at most; a request due beyond this counts as an error. */
    static final int OPEN_LOOP_CAP = 2_000;
    private static Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        String base = "http://127.0.0.1:8081/rapport";
        int threads = 4;
        int seconds = 30;
        int warmup = 10;
        long maxRequests = 2_000_000;
        List<String> scenarios = List.of("health", "apply");
        String ehr = "http://localhost:8080/ehr/";
        String patient = null;
        String practitioner = "sandbox-clinician";
        double rate = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base" -> base = args[++i].replaceAll("/+$", "");
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--max-requests" -> maxRequests = Long.parseLong(args[++i]);
                case "--scenario" -> scenarios = List.of(args[++i].split(","));
                case "--ehr" -> ehr = args[++i].endsWith("/") ? args[i] : args[i] + "/";
                case "--patient" -> patient = args[++i];
                case "--practitioner" -> practitioner = args[++i];
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--timeout" -> REQUEST_TIMEOUT = Duration.ofSeconds(Integer.parseInt(args[++i]));
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (threads < 1 || threads > 64 || seconds < 1 || seconds > 600 || warmup < 0 || warmup > 120
                || maxRequests < 1 || maxRequests > 10_000_000 || rate < 0 || rate > 2_000) {
            System.err.println("out of bounds: threads 1-64, seconds 1-600, warmup 0-120, max-requests 1-10000000, rate 0-2000");
            System.exit(2);
        }
        URI baseUri = URI.create(base);
        requireLoopback(baseUri);

        HttpClient http = httpClient("http-client");
        if (rate > 0) {
            System.out.printf("# Rapport load, %s%nMachine: %s%nTarget: %s, open loop at %.0f req/s (latency from the intended"
                    + " send time), %d s warm-up + %d s measured per scenario%n%n", Machine.now(), Machine.describe(), base,
                    rate, warmup, seconds);
            System.out.println(OpenLoop.HEADER);
        } else {
            System.out.printf("# Rapport load, %s%nMachine: %s%nTarget: %s, %d threads (closed loop), %d s warm-up + %d s"
                    + " measured per scenario, at most %d requests%n%n", Machine.now(), Machine.describe(), base, threads,
                    warmup, seconds, maxRequests);
            System.out.println("| scenario | requests | errors / non-2xx | throughput | p50 | p95 | p99 | max | load avg at start → end |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
        }
        if (scenarios.contains("ehr-chart")) {
            // Each accepted CDS call leaves a replay marker (an AuditEvent) on the FHIR server the sandbox holds.
            System.out.println("Note: ehr-chart leaves one replay-marker AuditEvent per request on the sandbox's FHIR server;"
                    + " run it against a throwaway sandbox (--in-memory) only, or use `run.sh speed`, which starts its own.");
        }
        SmartLaunch.Session session = null;
        // Rapport serves no anonymous caller: $apply too runs with a clinician's token from a SMART launch.
        if (scenarios.contains("chart") || scenarios.contains("form") || scenarios.contains("ehr-chart")
                || scenarios.contains("apply") || scenarios.contains("fhir-item9")) {
            requireLoopback(URI.create(ehr));
            session = SmartLaunch.launch(http, ehr, base, patient);
        }
        SmartLaunch.Session caseload = null;
        if (scenarios.contains("caseload")) {
            requireLoopback(URI.create(ehr));
            caseload = SmartLaunch.launchCaseload(http, ehr, base, practitioner);
        }
        for (String scenario : scenarios) {
            final SmartLaunch.Session clinician = session;
            final SmartLaunch.Session caseloadSession = caseload;
            HttpRequest request = switch (scenario) {
                case "health" -> HttpRequest.newBuilder(URI.create(base + "/health")).timeout(REQUEST_TIMEOUT).GET().build();
                case "apply" -> HttpRequest.newBuilder(URI.create(base + "/fhir/PlanDefinition/ipt-acute-course/$apply"))
                        .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + clinician.accessToken())
                        .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(APPLY_BODY)).build();
                case "chart" -> HttpRequest.newBuilder(URI.create(base + "/app/api/chart?patient=" + clinician.patient()))
                        .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + clinician.accessToken()).GET().build();
                case "ehr-chart" -> HttpRequest.newBuilder(URI.create(ehr + "patient/" + clinician.patient()))
                        .timeout(REQUEST_TIMEOUT).GET().build();
                case "fhir-item9" -> HttpRequest.newBuilder(URI.create(ehr).resolve("/fhir/Observation?subject=Patient/"
                        + clinician.patient() + "&code=http://loinc.org%7C44260-8&_sort=-date&_count=1"))
                        .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + clinician.accessToken())
                        .header("Cache-Control", "no-cache").GET().build();
                case "form" -> HttpRequest.newBuilder(URI.create(base + "/app/api/forms/interpersonal-inventory"))
                        .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + clinician.accessToken()).GET().build();
                case "caseload" -> HttpRequest.newBuilder(URI.create(base + "/app/api/caseload")).timeout(REQUEST_TIMEOUT)
                        .header("Authorization", "Bearer " + caseloadSession.accessToken()).GET().build();
                default -> throw new IllegalArgumentException("unknown scenario " + scenario
                        + " (health, apply, chart, form, ehr-chart, fhir-item9, caseload)");
            };
            check(http, request);
            if (rate > 0) {
                if (warmup > 0) {
                    OpenLoop.run(http, i -> request, rate, warmup, OPEN_LOOP_CAP);
                }
                String before = Machine.loadAverage();
                OpenLoop.Result open = OpenLoop.run(http, i -> request, rate, seconds, OPEN_LOOP_CAP);
                System.out.println(OpenLoop.row(scenario, rate, open, before, Machine.loadAverage()));
                continue;
            }
            run(http, request, scenario, threads, warmup, 0);
            String load = Machine.loadAverage();
            Result result = run(http, request, scenario, threads, seconds, maxRequests);
            System.out.printf("| %s | %d | %d / %d | %.0f req/s | %s | %s | %s | %s | %s → %s |%n", scenario,
                    result.count(), result.errors(), result.non2xx(), result.count() / result.seconds(),
                    ms(result.percentile(50)), ms(result.percentile(95)), ms(result.percentile(99)),
                    ms(result.percentile(100)), load, Machine.loadAverage());
        }
        System.exit(0);
    }

    /** The target must resolve to loopback addresses only: this tool never loads another host. */
    static void requireLoopback(URI uri) throws IOException {
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--base must be an http://127.0.0.1:PORT/… URL: " + uri);
        }
        for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException(uri.getHost() + " resolves to " + address
                        + ", not a loopback address; the load generator only targets this machine");
            }
        }
    }

    /** The benchmarks' client: HTTP/1.1, no redirects, two daemon threads named {@code threadName}. */
    static HttpClient httpClient(String threadName) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    private static void check(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }

    private record Result(long[] sortedNanos, long errors, long non2xx, double seconds) {
        long count() {
            return sortedNanos.length;
        }

        long percentile(double p) {
            return Stats.percentile(sortedNanos, p);
        }
    }

    /** {@code maxRequests} 0: no recording (warm-up). */
    private static Result run(HttpClient http, HttpRequest request, String scenario, int threads, int seconds,
            long maxRequests) throws Exception {
        AtomicLong budget = new AtomicLong(maxRequests == 0 ? Long.MAX_VALUE : maxRequests);
        AtomicLong errors = new AtomicLong();
        AtomicLong non2xx = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "load-" + scenario));
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int n = 0;
                while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() / 100 != 2) {
                            non2xx.incrementAndGet();
                            continue;
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (maxRequests > 0) {
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = System.nanoTime() - sent;
                    }
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> future : futures) {
            parts.add(future.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(all, errors.get(), non2xx.get(), elapsed);
    }

    private static String ms(long nanos) {
        return nanos < 0 ? "n/a" : String.format("%.1f ms", nanos / 1e6);
    }
}
