package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.notify.Notifications;
import health.rapport.sandbox.osgi.OsgiHost;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two Rapport hosts (the sandbox's and a second Felix host in this JVM) against one FHIR server, as
 * behind a load balancer: every guarantee holds across them, because it rests on the FHIR server
 * (conditional creates on deterministic identifiers and tags, If-Match), never on one JVM. Each case
 * starts the calls on both hosts at once (a latch), for several rounds, and checks the record.
 */
@ExtendWith(SandboxExtension.class)
class TwoHostsTest {

    private static final String BASE = "https://rapport-ipt.org/fhir";
    private static final String TOTAL = "http://loinc.org|44261-6";
    private static final String ITEM9 = "http://loinc.org|44260-8";
    private static final int ROUNDS = 3;

    private static OsgiHost second;

    @BeforeAll
    static void startTheSecondHost(Sandbox sandbox) throws IOException {
        second = sandbox.startAnotherHost(Files.createTempDirectory("rapport-second-host"),
                SandboxExtension.freePort(), Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopTheSecondHost() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void concurrentEnrolmentsOnBothHostsMakeOneCourse(Sandbox sandbox) throws Exception {
        List<Ehr> hosts = hosts(sandbox);
        Ehr ehr = hosts.get(0);
        for (int round = 0; round < ROUNDS; round++) {
            String patient = ehr.newPatient();
            List<HttpResponse<String>> answers = atOnce(hosts, 4,
                    host -> () -> host.operation("Patient/" + patient + "/$ipt-enroll", new Parameters()));

            List<String> plans = new ArrayList<>();
            for (HttpResponse<String> answer : answers) {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                plans.add(Fhir.parse(CarePlan.class, answer.body()).getIdPart());
            }
            assertThat(plans).as("round %d", round).containsOnly(plans.get(0));
            assertThat(ehr.count("CarePlan?subject=Patient/" + patient)).isEqualTo(1);
            assertThat(ehr.count("EpisodeOfCare?patient=Patient/" + patient)).isEqualTo(1);
            assertThat(ehr.count("Task?patient=Patient/" + patient)).isEqualTo(4);
            assertThat(ehr.count("Provenance?_tag=" + URLEncoder.encode(
                    BASE + "/CodeSystem/write|enrol/" + patient + "/1", StandardCharsets.UTF_8))).isEqualTo(1);
        }
    }

    @Test
    void concurrentAdvancesOnBothHostsHaveOneWinner(Sandbox sandbox) throws Exception {
        List<Ehr> hosts = hosts(sandbox);
        Ehr ehr = hosts.get(0);
        for (int round = 0; round < ROUNDS; round++) {
            String patient = ehr.newPatient();
            CarePlan plan = EnrollmentTest.enrol(ehr, patient);
            PhaseAdvanceTest.formulate(ehr, patient, plan);
            HttpResponse<String> moved = ehr.operation("CarePlan/" + plan.getIdPart() + "/$ipt-advance",
                    new Parameters().addParameter("phase", new CodeType("middle")));
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
            String version = Fhir.parse(CarePlan.class, moved.body()).getMeta().getVersionId();

            List<HttpResponse<String>> answers = atOnce(hosts, 4,
                    host -> () -> host.operation("CarePlan/" + plan.getIdPart() + "/$ipt-advance",
                            new Parameters().addParameter("phase", new CodeType("termination")),
                            "W/\"" + version + "\""));

            int won = 0;
            for (HttpResponse<String> answer : answers) {
                if (answer.statusCode() == 200) {
                    won++;
                } else {
                    EnrollmentTest.assertRefused(answer, 409, "reload it and try again");
                }
            }
            assertThat(won).as("round %d", round).isEqualTo(1);
            CarePlan after = ehr.record.read().resource(CarePlan.class).withId(plan.getIdPart()).execute();
            assertThat(Integer.parseInt(after.getMeta().getVersionId())).isEqualTo(Integer.parseInt(version) + 1);
            assertThat(ehr.count("Provenance?target=CarePlan/" + plan.getIdPart())).as("enrol, middle, termination")
                    .isEqualTo(3);
        }
    }

    @Test
    void oneNotificationDeliveredToBothHostsHasOneEffect(Sandbox sandbox) throws Exception {
        List<Ehr> hosts = hosts(sandbox);
        Ehr ehr = hosts.get(0);
        List<Notify> receivers = receivers(sandbox);
        startReceivers(sandbox);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String patient = ehr.newPatient();
                EnrollmentTest.enrol(ehr, patient);
                String id = ehr.record.create().resource(Responses.phq9(patient, new Date(), 2, 2, 1, 2, 1, 2, 1, 1, 1))
                        .execute().getId().getIdPart();
                String body = Fhir.CONTEXT.newJsonParser().encodeResourceToString(
                        ehr.record.read().resource(QuestionnaireResponse.class).withId(id).execute());

                List<HttpResponse<String>> answers = atOnce(receivers, 2, notify -> () -> notify.deliver(id, body));

                assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
                Notify.await(Duration.ofSeconds(60), "the processing", () -> Notify.processings(ehr, id, "1") >= 1);
                receivers.forEach(Notify::awaitIdle);
                assertThat(Notify.processings(ehr, id, "1")).as("round %d", round).isEqualTo(1);
                assertThat(ehr.count("Observation?patient=Patient/" + patient + "&code=" + TOTAL)).isEqualTo(1);
                assertThat(ehr.count("Observation?patient=Patient/" + patient + "&code=" + ITEM9)).isEqualTo(1);
                assertThat(ehr.count("Task?patient=Patient/" + patient + "&status=completed")).isEqualTo(1);
                assertNoDuplicateTasks(ehr, patient);
            }
        } finally {
            stopReceivers(sandbox);
        }
    }

    @Test
    void reconciliationOnBothHostsProcessesEachResponseOnce(Sandbox sandbox) throws Exception {
        List<Ehr> hosts = hosts(sandbox);
        Ehr ehr = hosts.get(0);
        List<Notify> receivers = receivers(sandbox);
        for (int round = 0; round < ROUNDS; round++) {
            // Saved while no receiver runs: only the reconciliation each receiver starts with finds them.
            List<String> patients = new ArrayList<>();
            List<String> responses = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                String patient = ehr.newPatient();
                EnrollmentTest.enrol(ehr, patient);
                patients.add(patient);
                for (int r = 0; r < 3; r++) {
                    responses.add(ehr.record.create().resource(Responses.phq9(patient, new Date(), 1, 2, 1, 1, 0, 1,
                            1, 0, 0)).execute().getId().getIdPart());
                }
            }
            try {
                atOnce(List.of(sandbox.osgiHost(), second), 1, host -> () -> {
                    host.configure(Notifications.PID, Notifications.configuration(sandbox.notifications().secret()));
                    return null;
                });
                receivers.forEach(Notify::awaitUp);
                Notify.await(Duration.ofSeconds(120), "every response processed", () ->
                        responses.stream().allMatch(id -> Notify.processings(ehr, id, "1") >= 1));
                receivers.forEach(Notify::awaitIdle);
            } finally {
                stopReceivers(sandbox);
            }
            for (String id : responses) {
                assertThat(Notify.processings(ehr, id, "1")).as("round %d, response %s", round, id).isEqualTo(1);
            }
            for (String patient : patients) {
                assertThat(ehr.count("Observation?patient=Patient/" + patient + "&code=" + TOTAL)).isEqualTo(3);
                assertThat(ehr.count("Observation?patient=Patient/" + patient + "&code=" + ITEM9)).isEqualTo(3);
                assertNoDuplicateTasks(ehr, patient);
            }
        }
    }

    /** Rapport's Tasks are keyed by a deterministic identifier: two with one key would be a double write. */
    private static void assertNoDuplicateTasks(Ehr ehr, String patient) {
        List<String> keys = ehr.all("Task?patient=Patient/" + patient, Task.class).stream()
                .flatMap(task -> task.getIdentifier().stream())
                .filter(identifier -> identifier.getSystem() != null && identifier.getSystem().startsWith(BASE))
                .map(Identifier::getValue).toList();
        assertThat(keys).as("Task identifiers of Patient/%s", patient).doesNotHaveDuplicates().isNotEmpty();
    }

    private static List<Ehr> hosts(Sandbox sandbox) {
        return List.of(new Ehr(sandbox), new Ehr(sandbox, second.rapportUrl()));
    }

    private static List<Notify> receivers(Sandbox sandbox) {
        return List.of(new Notify(sandbox), new Notify(sandbox, second.rapportUrl()));
    }

    /** Receivers on both hosts, without the Subscription: the test delivers, and the FHIR server does not. */
    private static void startReceivers(Sandbox sandbox) {
        sandbox.notifications().startReceiver();
        second.configure(Notifications.PID, Notifications.configuration(sandbox.notifications().secret()));
        receivers(sandbox).forEach(Notify::awaitUp);
    }

    private static void stopReceivers(Sandbox sandbox) {
        sandbox.notifications().stopReceiver();
        second.unconfigure(Notifications.PID);
        for (Notify notify : receivers(sandbox)) {
            Notify.await(Duration.ofSeconds(30), "the receiver to go", () -> notify.status() == null);
        }
    }

    interface Call<T, R> {
        Callable<R> on(T target);
    }

    /** {@code perTarget} calls on each target, all released at once; their answers in order. */
    private static <T, R> List<R> atOnce(List<T> targets, int perTarget, Call<T, R> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(targets.size() * perTarget);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<R>> calls = new ArrayList<>();
        try {
            for (T target : targets) {
                for (int i = 0; i < perTarget; i++) {
                    Callable<R> work = call.on(target);
                    calls.add(pool.submit(() -> {
                        start.await();
                        return work.call();
                    }));
                }
            }
            start.countDown();
            List<R> results = new ArrayList<>();
            for (Future<R> future : calls) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
