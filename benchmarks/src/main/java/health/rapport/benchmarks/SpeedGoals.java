package health.rapport.benchmarks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.store.TransactionBuilder;
import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.SandboxOptions;
import health.rapport.sandbox.seed.SeedPatient;
import health.rapport.sandbox.seed.Seeder;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

/**
 * The speed goals of the CDS service, the enrolment and the panel's chart read, each next to its FHIR
 * baseline in the same run, open loop ({@link OpenLoop}), against a throwaway in-memory sandbox started in
 * this JVM and seeded with the demo patients: nothing a run writes (replay markers, enrolled courses) outlives
 * it. Prints markdown tables with the load average before and after each row and deterministic counts.
 *
 * <pre>
 * benchmarks/run.sh speed [--seconds 20] [--warmup 5] [--cds-rates 25,50,100] [--fetch-rates 10,25,50]
 *                         [--enrol-rate 5] [--chart-rate 5] [--only baseline,cds,markers,enrol,chart]
 * </pre>
 */
public final class SpeedGoals {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CDS_PID = "health.rapport.cds";
    private static final String ITEM9 = "http://loinc.org%7C44260-8";
    private static final int CAP = 2_000;

    private final Sandbox sandbox;
    private final HttpClient http;
    private final int seconds;
    private final int warmup;
    private final FhirContext fhir = FhirContext.forR4Cached();

    private SpeedGoals(Sandbox sandbox, HttpClient http, int seconds, int warmup) {
        this.sandbox = sandbox;
        this.http = http;
        this.seconds = seconds;
        this.warmup = warmup;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int seconds = Integer.parseInt(options.getOrDefault("--seconds", "20"));
        int warmup = Integer.parseInt(options.getOrDefault("--warmup", "5"));
        List<Double> cdsRates = rates(options.getOrDefault("--cds-rates", "25,50,100"));
        List<Double> fetchRates = rates(options.getOrDefault("--fetch-rates", "10,25,50"));
        double enrolRate = Double.parseDouble(options.getOrDefault("--enrol-rate", "5"));
        double chartRate = Double.parseDouble(options.getOrDefault("--chart-rate", "5"));
        List<String> only = List.of(options.getOrDefault("--only", "baseline,cds,markers,enrol,chart").split(","));

        HttpClient http = LoadGenerator.httpClient("bench-http");
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.inMemory(Files.createTempDirectory("rapport-speed"),
                Health.freeLoopbackPort(), Health.freeLoopbackPort()), Duration.ofMinutes(10));
                CdsIssuer issuer = new CdsIssuer()) {
            List<SeedPatient> seeded = new Seeder(FhirContext.forR4Cached(), sandbox.fhirBaseUrl(),
                    sandbox.rapportUrl() + "/fhir").seed();
            SeedPatient patient = seeded.stream().filter(p -> p.name().contains("Clara")).findFirst()
                    .orElse(seeded.stream().filter(p -> p.stage().startsWith("middle")).findFirst().orElse(seeded.get(0)));
            System.out.printf("# Rapport speed goals, %s%nMachine: %s%nThrowaway in-memory sandbox in this JVM (%s), seeded "
                    + "with %d demo patients; chart and CDS of Patient/%s (%s, %s). Open loop: latency from each request's"
                    + " intended send time; %d s warm-up + %d s measured per row.%n%n", Machine.now(), Machine.describe(),
                    System.getProperty("java.vm.name") + " " + Runtime.version(), seeded.size(), patient.patientId(),
                    patient.name(), patient.stage(), warmup, seconds);
            SpeedGoals goals = new SpeedGoals(sandbox, http, seconds, warmup);
            goals.trust(issuer, "FHIR_SERVER");
            SmartLaunch.Session session = SmartLaunch.launch(http, sandbox.fhirServer().ehr().chartUrl(),
                    sandbox.rapportUrl(), patient.patientId());
            System.out.println(OpenLoop.HEADER);
            if (only.contains("baseline")) {
                for (double rate : cdsRates) {
                    goals.row("fhir-item9 (FHIR server alone)", rate, i -> goals.item9(session));
                }
            }
            if (only.contains("cds")) {
                goals.cds(issuer, session, cdsRates, fetchRates);
            }
            if (only.contains("markers")) {
                goals.markers(cdsRates);
            }
            if (only.contains("enrol")) {
                goals.enrolment(enrolRate);
            }
            if (only.contains("chart")) {
                goals.chart(session, chartRate);
            }
            if (only.contains("baseline")) {
                goals.row("fhir-item9 again, after the run's writes", cdsRates.get(0), i -> goals.item9(session));
            }
            System.out.printf("%nReplay markers on the throwaway FHIR server at the end: %d AuditEvent (discarded with it)%n",
                    goals.count("AuditEvent?_summary=count"));
        }
        System.exit(0);
    }

    // ---- CDS

    private void cds(CdsIssuer issuer, SmartLaunch.Session session, List<Double> rates, List<Double> fetchRates)
            throws Exception {
        String service = sandbox.rapportUrl() + "/cds-services/rapport-ipt";
        ObjectNode prefetch = prefetch(session);
        byte[] withPrefetch = hookRequest(session, prefetch).toString().getBytes(StandardCharsets.UTF_8);
        byte[] withoutPrefetch = hookRequest(session, null).toString().getBytes(StandardCharsets.UTF_8);
        System.out.printf("%n(complete prefetch: %d keys, %d resources, %d bytes per request)%n%n", prefetch.size(),
                resources(prefetch), withPrefetch.length);
        for (String mode : List.of("FHIR_SERVER", "HOST")) {
            trust(issuer, mode);
            for (double rate : rates) {
                row("cds patient-view, complete prefetch, replayCheck=" + mode, rate, signed(issuer, service, withPrefetch, rate));
            }
            for (double rate : fetchRates) {
                row("cds patient-view, no prefetch, replayCheck=" + mode, rate, signed(issuer, service, withoutPrefetch, rate));
            }
        }
        trust(issuer, "FHIR_SERVER");
    }

    /** Tokens signed before the run (signing is the EHR's cost, not Rapport's), one per request. */
    private LongFunction<HttpRequest> signed(CdsIssuer issuer, String service, byte[] body, double rate) {
        int n = (int) Math.round(rate * (seconds + warmup)) + 2;
        String[] tokens = new String[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = issuer.sign(service);
        }
        int[] next = {0};
        return i -> HttpRequest.newBuilder(URI.create(service)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + tokens[next[0]++ % n])
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** Rapport trusts the benchmark's issuer besides the sandbox EHR; replayCheck as given. */
    private void trust(CdsIssuer issuer, String replayCheck) throws Exception {
        Map<String, Object> config = new HashMap<>(sandbox.cdsConfiguration());
        List<String> issuers = new ArrayList<>(Arrays.asList((String[]) config.get("trustedIssuers")));
        issuers.add(issuer.issuer() + " " + issuer.jwksUrl());
        config.put("trustedIssuers", issuers.toArray(String[]::new));
        config.put("replayCheck", replayCheck);
        sandbox.osgiHost().configure(CDS_PID, config);
        String service = sandbox.rapportUrl() + "/cds-services/rapport-ipt";
        byte[] probe = "{\"hook\":\"patient-view\",\"hookInstance\":\"probe\",\"context\":{\"patientId\":\"x\",\"userId\":\"Practitioner/x\"},\"prefetch\":{}}"
                .getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 100; attempt++) {
            Thread.sleep(300);
            if (http.send(HttpRequest.newBuilder(URI.create(service)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + issuer.sign(service)).POST(HttpRequest.BodyPublishers
                            .ofByteArray(probe)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                return;
            }
        }
        throw new IllegalStateException("the CDS service did not take the benchmark's issuer");
    }

    private ObjectNode hookRequest(SmartLaunch.Session session, ObjectNode prefetch) {
        ObjectNode body = JSON.createObjectNode();
        body.put("hook", "patient-view").put("hookInstance", UUID.randomUUID().toString());
        body.put("fhirServer", sandbox.fhirBaseUrl());
        body.putObject("fhirAuthorization").put("access_token", session.accessToken()).put("token_type", "Bearer")
                .put("expires_in", 3600).put("scope", "patient/*.rs").put("subject", "bench-ehr")
                .put("patient", session.patient());
        body.putObject("context").put("patientId", session.patient()).put("userId", "Practitioner/sandbox-clinician");
        if (prefetch != null) {
            body.set("prefetch", prefetch);
        }
        return body;
    }

    /** Every prefetch template of the service's discovery, filled in and fetched from the FHIR server (all pages). */
    private ObjectNode prefetch(SmartLaunch.Session session) throws Exception {
        JsonNode discovery = JSON.readTree(get(sandbox.rapportUrl() + "/cds-services", null));
        ObjectNode prefetch = JSON.createObjectNode();
        discovery.path("services").get(0).path("prefetch").fields().forEachRemaining(e -> {
            String query = e.getValue().asText().replace("{{context.patientId}}", session.patient()).replace("|", "%7C");
            try {
                ObjectNode bundle = (ObjectNode) JSON.readTree(get(sandbox.fhirBaseUrl() + "/" + query, session.accessToken()));
                JsonNode next = nextLink(bundle);
                while (next != null) {
                    JsonNode page = JSON.readTree(get(next.asText(), session.accessToken()));
                    page.path("entry").forEach(entry -> bundle.withArray("entry").add(entry));
                    next = nextLink(page);
                }
                bundle.remove("link");
                prefetch.set(e.getKey(), bundle);
            } catch (Exception ex) {
                throw new IllegalStateException("prefetch " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        });
        return prefetch;
    }

    private static JsonNode nextLink(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText())) {
                return link.path("url");
            }
        }
        return null;
    }

    private static int resources(ObjectNode prefetch) {
        int[] n = {0};
        prefetch.elements().forEachRemaining(b -> n[0] += b.path("entry").size() + (b.has("resourceType")
                && !"Bundle".equals(b.path("resourceType").asText()) ? 1 : 0));
        return n[0];
    }

    // ---- replay markers, bare on the FHIR server

    /**
     * The replay marker's write on its own (the conditional create SharedReplayGuard makes, a new tag each), and
     * the cheapest write that could carry it instead (a PUT of a Binary under the digest as id: no search, no
     * search-parameter index rows), next to the item-9 search.
     */
    private void markers(List<Double> rates) throws Exception {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110100", "Application Activity"));
        event.setAction(AuditEvent.AuditEventAction.E).setOutcome(AuditEvent.AuditEventOutcome._0)
                .setOutcomeDesc("CDS request accepted (signed token used once)").setRecorded(new java.util.Date());
        event.addAgent().setRequestor(false).setWho(new Reference().setIdentifier(new Identifier()
                .setSystem(Canonicals.DEVICE_IDENTIFIER_SYSTEM).setValue("rapport")).setDisplay("Rapport"));
        event.getSource().setSite("rapport-ipt").setObserver(new Reference().setType("Device").setIdentifier(
                new Identifier().setSystem(Canonicals.DEVICE_IDENTIFIER_SYSTEM).setValue("rapport")));
        event.addEntity().setName("CDS request to service rapport-ipt");
        event.getMeta().addTag(Canonicals.TAG_WRITE, "cds-jwt/MARKER", null);
        String template = fhir.newJsonParser().encodeResourceToString(event);
        for (double rate : rates) {
            row("marker: AuditEvent conditional create (today's write)", rate, i -> {
                String marker = "cds-jwt/" + digest(UUID.randomUUID().toString());
                return HttpRequest.newBuilder(URI.create(sandbox.fhirBaseUrl() + "/AuditEvent"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/fhir+json")
                        .header("If-None-Exist", "_tag=" + URLEncoder.encode(Canonicals.TAG_WRITE + "|" + marker,
                                StandardCharsets.UTF_8))
                        .header("Prefer", "return=minimal")
                        .POST(HttpRequest.BodyPublishers.ofString(template.replace("cds-jwt/MARKER", marker))).build();
            });
        }
        for (double rate : rates) {
            row("marker: Binary PUT by digest id (alternative write)", rate, i -> {
                String id = digest(UUID.randomUUID().toString());
                return HttpRequest.newBuilder(URI.create(sandbox.fhirBaseUrl() + "/Binary/" + id))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/fhir+json")
                        .header("Prefer", "return=minimal")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Binary\",\"id\":\"" + id
                                + "\",\"contentType\":\"text/plain\"}")).build();
            });
        }
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- enrolment

    /**
     * {@code $ipt-enroll} of a new patient per request, next to the bare transaction it writes: the same entries
     * with the same conditions, rebuilt from one enrolment's Provenance targets and posted straight to the FHIR
     * server with the same clinician token, for other new patients.
     */
    private void enrolment(double rate) throws Exception {
        String token = sandbox.fhirServer().ehr().clinicianToken();
        int n = (int) Math.round(rate * (seconds + warmup)) + 2;
        createPatients("bench-enrol-", n + 1);
        createPatients("bench-bare-", n);
        HttpResponse<String> first = http.send(enrol("bench-enrol-" + n, token), HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 200) {
            throw new IllegalStateException("$ipt-enroll answered " + first.statusCode() + ": " + first.body());
        }
        String template = bareTransaction("bench-enrol-" + n, token);
        int[] next = {0};
        row("$ipt-enroll (Rapport)", rate, i -> enrol("bench-enrol-" + (next[0]++ % n), token));
        int[] bare = {0};
        row("the same transaction posted to the FHIR server", rate, i -> HttpRequest.newBuilder(URI.create(sandbox.fhirBaseUrl()))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + token).header("Prefer", "return=minimal")
                .POST(HttpRequest.BodyPublishers.ofString(template.replace("bench-enrol-" + n,
                        "bench-bare-" + (bare[0]++ % n)))).build());
        System.out.printf("%n(transaction: %d entries; $ipt-enroll's FHIR round trips per enrolment: %s)%n%n",
                fhir.newJsonParser().parseResource(Bundle.class, template).getEntry().size(), "see docs/performance.md");
    }

    private HttpRequest enrol(String patient, String token) {
        return HttpRequest.newBuilder(URI.create(sandbox.rapportUrl() + "/fhir/Patient/" + patient + "/$ipt-enroll"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\"}")).build();
    }

    private void createPatients(String prefix, int n) throws Exception {
        for (int start = 0; start < n; start += 200) {
            Bundle batch = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            for (int i = start; i < Math.min(n, start + 200); i++) {
                org.hl7.fhir.r4.model.Patient p = new org.hl7.fhir.r4.model.Patient();
                p.setId(prefix + i);
                p.addName().setFamily("Bench").addGiven(prefix + i);
                batch.addEntry().setResource(p).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/" + prefix + i);
            }
            post(sandbox.fhirBaseUrl(), fhir.newJsonParser().encodeResourceToString(batch), null);
        }
    }

    /** The enrolment's transaction again: its Provenance names what it wrote, conditions as EnrollmentProcessor's. */
    private String bareTransaction(String patient, String token) throws Exception {
        String tag = URLEncoder.encode(Canonicals.TAG_WRITE + "|enrol/" + patient + "/1", StandardCharsets.UTF_8);
        Bundle found = fhir.newJsonParser().parseResource(Bundle.class, get(sandbox.fhirBaseUrl() + "/Provenance?_tag=" + tag, token));
        Provenance provenance = (Provenance) found.getEntryFirstRep().getResource();
        Map<String, Resource> written = new LinkedHashMap<>();
        for (Reference target : provenance.getTarget()) {
            String ref = target.getReferenceElement().toUnqualifiedVersionless().getValue();
            written.put(ref, (Resource) fhir.newJsonParser().parseResource(get(sandbox.fhirBaseUrl() + "/" + ref, token)));
        }
        Map<String, String> placeholders = new HashMap<>();
        written.keySet().forEach(ref -> placeholders.put(ref, "urn:uuid:" + UUID.randomUUID()));
        TransactionBuilder transaction = new TransactionBuilder();
        for (Map.Entry<String, Resource> entry : written.entrySet()) {
            Resource resource = entry.getValue();
            resource.setMeta(null);
            String fullUrl = placeholders.get(entry.getKey());
            if (resource instanceof EpisodeOfCare e) {
                transaction.createUnlessIdentified(e, fullUrl, Canonicals.IDENTIFIER_COURSE, value(e.getIdentifier(), Canonicals.IDENTIFIER_COURSE));
            } else if (resource instanceof CarePlan c) {
                transaction.createUnlessIdentified(c, fullUrl, Canonicals.IDENTIFIER_OPEN_COURSE, value(c.getIdentifier(), Canonicals.IDENTIFIER_OPEN_COURSE));
            } else if (resource instanceof Task t) {
                transaction.createUnlessIdentified(t, fullUrl, Canonicals.IDENTIFIER_TASK, value(t.getIdentifier(), Canonicals.IDENTIFIER_TASK));
            } else {
                throw new IllegalStateException("enrolment wrote an unexpected " + resource.fhirType());
            }
        }
        provenance.setMeta(null);
        provenance.getMeta().addTag(Canonicals.TAG_WRITE, "enrol/" + patient + "/1", null);
        transaction.createUnlessTagged(provenance, Canonicals.TAG_WRITE, "enrol/" + patient + "/1");
        String json = fhir.newJsonParser().encodeResourceToString(transaction.build());
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            json = json.replace("\"" + p.getKey() + "\"", "\"" + p.getValue() + "\"");
        }
        return json;
    }

    private static String value(List<Identifier> identifiers, String system) {
        return identifiers.stream().filter(i -> system.equals(i.getSystem())).findFirst().orElseThrow().getValue();
    }

    // ---- chart

    /**
     * The panel's chart read next to single FHIR reads it makes (same token): the patient, the item-9 search,
     * the open course, the goals, the score totals, the course's delivered procedures. Also counts the chart's
     * FHIR round trips (the sandbox EHR counts each use of the token).
     */
    private void chart(SmartLaunch.Session session, double rate) throws Exception {
        String p = session.patient();
        String token = session.accessToken();
        Bundle plans = fhir.newJsonParser().parseResource(Bundle.class, get(sandbox.fhirBaseUrl()
                + "/CarePlan?subject=Patient/" + p + "&status=active,on-hold,draft&_count=50", token));
        String plan = plans.getEntryFirstRep().getResource().getIdElement().getIdPart();
        int before = sandbox.fhirServer().ehr().authorizer().uses(token);
        get(sandbox.rapportUrl() + "/app/api/chart?patient=" + p, token);
        int trips = sandbox.fhirServer().ehr().authorizer().uses(token) - before;
        Map<String, String> reads = new LinkedHashMap<>();
        reads.put("Patient read", "/Patient/" + p);
        reads.put("item-9 search", "/Observation?subject=Patient/" + p + "&code=" + ITEM9 + "&_sort=-date&_count=1");
        reads.put("open course search", "/CarePlan?subject=Patient/" + p + "&status=active,on-hold,draft&_count=50");
        reads.put("goals search", "/Goal?patient=Patient/" + p + "&_count=100");
        reads.put("score totals search", "/Observation?subject=Patient/" + p
                + "&code=http://loinc.org%7C44261-6,http://loinc.org%7C70274-6&_count=100");
        reads.put("delivered procedures search", "/Procedure?based-on=CarePlan/" + plan + "&status=completed&_count=100");
        row("panel chart read (Rapport)", rate, i -> HttpRequest.newBuilder(URI.create(sandbox.rapportUrl()
                + "/app/api/chart?patient=" + p)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .GET().build());
        for (Map.Entry<String, String> read : reads.entrySet()) {
            row("single FHIR read: " + read.getKey(), rate, i -> HttpRequest.newBuilder(URI.create(sandbox.fhirBaseUrl()
                    + read.getValue())).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                    .header("Cache-Control", "no-cache").GET().build());
        }
        System.out.printf("%n(one chart read = %d FHIR round trips with the clinician's token)%n%n", trips);
    }

    // ---- plumbing

    private HttpRequest item9(SmartLaunch.Session session) {
        return HttpRequest.newBuilder(URI.create(sandbox.fhirBaseUrl() + "/Observation?subject=Patient/"
                + session.patient() + "&code=" + ITEM9 + "&_sort=-date&_count=1")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + session.accessToken()).header("Cache-Control", "no-cache").GET().build();
    }

    private void row(String scenario, double rate, LongFunction<HttpRequest> requests) throws Exception {
        if (warmup > 0) {
            OpenLoop.run(http, requests, rate, warmup, CAP);
        }
        String before = Machine.loadAverage();
        OpenLoop.Result result = OpenLoop.run(http, requests, rate, seconds, CAP);
        System.out.println(OpenLoop.row(scenario, rate, result, before, Machine.loadAverage()));
    }

    private long count(String query) throws Exception {
        return JSON.readTree(get(sandbox.fhirBaseUrl() + "/" + query, null)).path("total").asLong();
    }

    private String get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/fhir+json, application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private void post(String url, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/fhir+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private static List<Double> rates(String list) {
        return Arrays.stream(list.split(",")).map(Double::parseDouble).toList();
    }
}
