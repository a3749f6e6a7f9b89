package health.rapport.benchmarks;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.SandboxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * {@code $evaluate-measure} over many courses: starts an in-memory sandbox, seeds {@code --courses} synthetic
 * IPT courses that ended in 2026 Q1 (each: a patient, its EpisodeOfCare and CarePlan, 12 weekly session
 * Encounters, 3 PHQ-9 and 2 GAD-7 totals, 8 session feedback responses: 28 resources; about one in ten a
 * dropout) by transaction Bundles of 50 courses
 * straight into its FHIR server, then times each of Rapport's nine Measures for that quarter with a clinician's
 * user-level token: one warm-up round, then {@code --rounds} timed rounds. Prints the median per Measure.
 */
public final class MeasureFigures {

    private static final String BASE = "https://rapport-ipt.org/fhir";
    private static final List<String> MEASURES = List.of("ipt-response", "ipt-remission", "ipt-reliable-improvement",
            "ipt-reliable-deterioration", "ipt-reliable-recovery", "ipt-sessions-attended", "ipt-dropout",
            "ipt-session-feedback", "ipt-technique-fidelity");
    private static final int PER_TRANSACTION = 50;

    private MeasureFigures() {
    }

    public static void main(String[] args) throws Exception {
        int courses = intOption(args, "--courses", 1000);
        int rounds = intOption(args, "--rounds", 3);
        // Keeps the seeded sandbox up that long before the rounds, to try searches against it by hand.
        int holdSeconds = intOption(args, "--hold-seconds", 0);
        FhirContext fhir = FhirContext.forR4Cached();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int fhirPort = Health.freeLoopbackPort();
        int pluginPort = Health.freeLoopbackPort();
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.inMemory(Files.createTempDirectory("rapport-measures"),
                fhirPort, pluginPort).withNotifications(false), Duration.ofMinutes(5))) {
            long seedStart = System.nanoTime();
            long resources = 0;
            Random random = new Random(20260101);
            for (int first = 0; first < courses; first += PER_TRANSACTION) {
                Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                for (int c = first; c < Math.min(courses, first + PER_TRANSACTION); c++) {
                    course(transaction, c, random);
                }
                resources += transaction.getEntry().size();
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.fhirBaseUrl()))
                        .timeout(Duration.ofMinutes(5)).header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(fhir.newJsonParser().encodeResourceToString(transaction)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("seeding failed: " + answer.statusCode() + " " + answer.body());
                }
            }
            System.out.printf("seeded %d courses (%d resources) in %.1f s%n", courses, resources,
                    (System.nanoTime() - seedStart) / 1e9);
            String token = sandbox.fhirServer().ehr().authorizer()
                    .issueForUser("Practitioner/bench-clinician", "user/*.rs", Duration.ofHours(2)).accessToken();
            if (holdSeconds > 0) {
                System.out.printf("holding %d s: FHIR %s, Rapport %s, token %s%n", holdSeconds, sandbox.fhirBaseUrl(),
                        sandbox.rapportUrl(), token);
                Thread.sleep(holdSeconds * 1000L);
            }
            List<List<Double>> seconds = new ArrayList<>();
            MEASURES.forEach(m -> seconds.add(new ArrayList<>()));
            for (int round = 0; round <= rounds; round++) {
                System.out.printf("round %d at %s, load average %s%n", round, Machine.now(), Machine.loadAverage());
                bareFhir(http, sandbox.fhirBaseUrl(), token);
                for (int i = 0; i < MEASURES.size(); i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.rapportUrl()
                                    + "/fhir/Measure/" + MEASURES.get(i)
                                    + "/$evaluate-measure?periodStart=2026-01-01&periodEnd=2026-03-31"))
                            .timeout(Duration.ofMinutes(5)).header("Accept", "application/fhir+json")
                            .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                    double took = (System.nanoTime() - start) / 1e9;
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException(MEASURES.get(i) + ": " + answer.statusCode() + " " + answer.body());
                    }
                    MeasureReport report = fhir.newJsonParser().parseResource(MeasureReport.class, answer.body());
                    int initial = report.getGroupFirstRep().getPopulationFirstRep().getCount();
                    if (round == 0) {
                        System.out.printf("warm-up %-28s %6.2f s  initial population %d%n", MEASURES.get(i), took, initial);
                    } else {
                        seconds.get(i).add(took);
                    }
                }
            }
            System.out.printf("%n%d courses, %d timed rounds: median seconds per $evaluate-measure%n", courses, rounds);
            for (int i = 0; i < MEASURES.size(); i++) {
                List<Double> sorted = seconds.get(i).stream().sorted().toList();
                System.out.printf("%-28s %6.2f  (min %.2f, max %.2f)%n", MEASURES.get(i), sorted.get(sorted.size() / 2),
                        sorted.get(0), sorted.get(sorted.size() - 1));
            }
        }
    }

    /**
     * The baseline of the same round: the FHIR server alone answering, one after another and page after page,
     * the cohort-wide searches for what the widest Measures read (plans, sessions, totals, feedback) with the
     * same token, as a client that reads everything in the fewest searches would. Prints pages (round trips),
     * resources and seconds per search.
     */
    private static void bareFhir(HttpClient http, String base, String token) throws Exception {
        String window = "date=ge2025-09-01&date=le2026-04-01";
        List<String> searches = List.of(
                "CarePlan?category=" + encode(BASE + "/CodeSystem/care-plan-category|ipt-acute")
                        + "&status=completed,revoked&date=ge2026-01-01&_count=1000",
                "Encounter?" + window + "&_count=1000",
                "Observation?code=" + encode("http://loinc.org|44261-6,http://loinc.org|70274-6") + "&" + window + "&_count=1000",
                "QuestionnaireResponse?questionnaire=" + encode(BASE + "/Questionnaire/session-feedback")
                        + "&" + window.replace("date=", "authored=") + "&_elements=subject,authored,status&_count=1000");
        double total = 0;
        int allPages = 0;
        for (String search : searches) {
            long start = System.nanoTime();
            int pages = 0;
            int resources = 0;
            String url = base + "/" + search;
            while (url != null) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                        .header("Accept", "application/fhir+json").header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(search + ": " + answer.statusCode() + " " + answer.body());
                }
                Bundle page = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, answer.body());
                pages++;
                resources += page.getEntry().size();
                url = page.getLink(Bundle.LINK_NEXT) == null ? null : page.getLink(Bundle.LINK_NEXT).getUrl();
            }
            double took = (System.nanoTime() - start) / 1e9;
            total += took;
            allPages += pages;
            System.out.printf("  bare FHIR %-22s %5d resources %4d pages %6.2f s%n", search.substring(0, search.indexOf('?')),
                    resources, pages, took);
        }
        System.out.printf("  bare FHIR, all four in sequence: %d pages, %.2f s%n", allPages, total);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** One synthetic course that ended in 2026 Q1, with its chart: 28 resources. */
    private static void course(Bundle transaction, int n, Random random) {
        String id = "bench-" + n;
        Reference patient = new Reference("Patient/" + id);
        Patient p = new Patient();
        p.setId(id);
        p.addName().setFamily("Synthetic").addGiven("Course " + n);
        put(transaction, p);
        LocalDate end = LocalDate.of(2026, 1, 2).plusDays(random.nextInt(88));
        Instant last = end.atTime(10, 0).toInstant(ZoneOffset.UTC).minus(Duration.ofDays(1));
        Instant first = last.minus(Duration.ofDays(7 * 11));
        EpisodeOfCare episode = new EpisodeOfCare();
        episode.setId(id);
        episode.addIdentifier().setSystem(BASE + "/identifier/ipt-course").setValue(id + "/1");
        episode.setStatus(EpisodeOfCare.EpisodeOfCareStatus.FINISHED).setPatient(patient);
        put(transaction, episode);
        boolean dropout = random.nextInt(10) == 0;
        CarePlan plan = new CarePlan();
        plan.setId(id);
        plan.addIdentifier().setSystem(BASE + "/identifier/ipt-course").setValue(id + "/1");
        plan.setStatus(dropout ? CarePlan.CarePlanStatus.REVOKED : CarePlan.CarePlanStatus.COMPLETED)
                .setIntent(CarePlan.CarePlanIntent.PLAN).setSubject(patient)
                .setAuthor(new Reference("Practitioner/bench-clinician"));
        // As enrolment writes it (careplan.PlanApplier): the category is what $evaluate-measure searches by.
        plan.addCategory(new CodeableConcept(new Coding(BASE + "/CodeSystem/care-plan-category", "ipt-acute", "IPT acute course")));
        plan.getPeriod().setStartElement(new DateTimeType(first.atZone(ZoneOffset.UTC).toLocalDate().toString()))
                .setEndElement(new DateTimeType(end.toString()));
        plan.addExtension(BASE + "/StructureDefinition/ipt-phase", new Coding(BASE + "/CodeSystem/ipt-phase", "termination", null));
        plan.addExtension("http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare", new Reference("EpisodeOfCare/" + id));
        String area = List.of("grief", "role-dispute", "role-transition", "interpersonal-deficits").get(n % 4);
        plan.addExtension(BASE + "/StructureDefinition/problem-area",
                new CodeableConcept(new Coding(BASE + "/CodeSystem/ipt-problem-area", area, null)));
        if (dropout) {
            plan.addExtension(BASE + "/StructureDefinition/course-ending-reason",
                    new Coding(BASE + "/CodeSystem/course-ending-reason", "ended-without-agreement", null));
        }
        for (String technique : List.of("clarification", "communication-analysis", "role-play")) {
            plan.addActivity().getDetail().setKind(CarePlan.CarePlanActivityKind.SERVICEREQUEST)
                    .setCode(new CodeableConcept(new Coding(BASE + "/CodeSystem/ipt-technique", technique, null)))
                    .setStatus(random.nextInt(4) == 0 ? CarePlan.CarePlanActivityStatus.CANCELLED
                            : CarePlan.CarePlanActivityStatus.COMPLETED);
        }
        put(transaction, plan);
        for (int s = 0; s < 12; s++) {
            Instant at = first.plus(Duration.ofDays(7L * s));
            boolean attended = s < 11 || random.nextBoolean();
            Encounter session = new Encounter();
            session.setId(id + "-s" + s);
            session.addExtension(BASE + "/StructureDefinition/session-attendance", new Coding(
                    BASE + "/CodeSystem/session-attendance", attended ? "attended" : "did-not-attend", null));
            session.addIdentifier().setSystem(BASE + "/identifier/ipt-session").setValue(id + "/1/" + s);
            session.setStatus(attended ? Encounter.EncounterStatus.FINISHED : Encounter.EncounterStatus.CANCELLED)
                    .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null))
                    .setSubject(patient).addEpisodeOfCare(new Reference("EpisodeOfCare/" + id));
            session.getPeriod().setStart(Date.from(at)).setEnd(Date.from(at.plus(Duration.ofMinutes(50))));
            put(transaction, session);
            if (s < 8) {
                QuestionnaireResponse feedback = new QuestionnaireResponse();
                feedback.setId(id + "-f" + s);
                feedback.setQuestionnaire(BASE + "/Questionnaire/session-feedback|0.1.0")
                        .setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED).setSubject(patient)
                        .setAuthored(Date.from(at.plus(Duration.ofMinutes(55))));
                put(transaction, feedback);
            }
        }
        int baseline = 8 + random.nextInt(16);
        int[] phq = {baseline, Math.max(0, baseline - random.nextInt(8)), Math.max(0, Math.min(27, baseline - 9 + random.nextInt(14)))};
        int[] gad = {5 + random.nextInt(12), random.nextInt(15)};
        total(transaction, id + "-phq", "44261-6", phq, first, last, patient);
        total(transaction, id + "-gad", "70274-6", gad, first, last, patient);
    }

    private static void total(Bundle transaction, String id, String code, int[] totals, Instant first, Instant last,
            Reference patient) {
        for (int k = 0; k < totals.length; k++) {
            Instant at = k == 0 ? first : k == totals.length - 1 ? last.minus(Duration.ofDays(6))
                    : first.plus(Duration.ofDays(35));
            Observation o = new Observation();
            o.setId(id + k);
            o.setStatus(Observation.ObservationStatus.FINAL)
                    .setCode(new CodeableConcept(new Coding("http://loinc.org", code, null))).setSubject(patient)
                    .setEffective(new DateTimeType(Date.from(at.plus(Duration.ofMinutes(5))))).setValue(new IntegerType(totals[k]));
            put(transaction, o);
        }
    }

    private static void put(Bundle transaction, Resource resource) {
        transaction.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    }

    private static int intOption(String[] args, String name, int otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return otherwise;
    }
}
