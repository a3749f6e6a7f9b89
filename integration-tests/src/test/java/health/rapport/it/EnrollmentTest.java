package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /rapport/fhir/Patient/{id}/$ipt-enroll through the real host and FHIR server. */
@ExtendWith(SandboxExtension.class)
class EnrollmentTest {

    private static final String BASE = "https://rapport-ipt.org/fhir";

    @Test
    void enrolmentWritesAPlanItsFirstTasksAndProvenanceThatConform(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String practitioner = ehr.newPractitioner();

        HttpResponse<String> response = ehr.operation("Patient/" + patient + "/$ipt-enroll", new Parameters()
                .addParameter("sessions", new IntegerType(12))
                .addParameter("practitioner", new StringType("Practitioner/" + practitioner)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        CarePlan plan = Fhir.parse(CarePlan.class, response.body());
        assertThat(plan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        assertThat(plan.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PLAN);
        assertThat(plan.getSubject().getReference()).isEqualTo("Patient/" + patient);
        assertThat(coding(plan.getExtensionByUrl(BASE + "/StructureDefinition/ipt-phase")).getCode()).isEqualTo("initial");
        assertThat(coding(plan.getExtensionByUrl(BASE + "/StructureDefinition/integration-route")).getCode())
                .isEqualTo("assimilative");
        assertThat(plan.getExtensionByUrl(BASE + "/StructureDefinition/contracted-sessions").getValue().primitiveValue())
                .isEqualTo("12");
        assertThat(plan.getInstantiatesCanonical()).extracting(CanonicalType::getValue)
                .containsExactly(BASE + "/PlanDefinition/ipt-acute-course|0.1.0");
        assertThat(plan.getMeta().getSecurity()).extracting(Coding::getCode).contains("R", "MH");
        assertThat(plan.getActivity()).hasSizeGreaterThan(15);
        assertThat(Fhir.errors(plan)).isEmpty();

        List<Task> tasks = ehr.record.search().byUrl("Task?based-on=CarePlan/" + plan.getIdPart())
                .returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Task) e.getResource()).toList();
        assertThat(tasks).extracting(t -> ((CanonicalType) t.getInputFirstRep().getValue()).getValue())
                .containsExactlyInAnyOrder(BASE + "/Questionnaire/phq-9|0.1.0", BASE + "/Questionnaire/gad-7|0.1.0",
                        BASE + "/Questionnaire/interpersonal-inventory|0.1.0", BASE + "/Questionnaire/session-feedback|0.1.0");
        for (Task task : tasks) {
            assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
            assertThat(task.getFor().getReference()).isEqualTo("Patient/" + patient);
            assertThat(Fhir.errors(task)).as(task.getDescription()).isEmpty();
        }

        List<Provenance> provenance = ehr.record.search().byUrl("Provenance?target=CarePlan/" + plan.getIdPart())
                .returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Provenance) e.getResource()).toList();
        assertThat(provenance).hasSize(1);
        // The plan, the course's EpisodeOfCare and the Tasks.
        assertThat(provenance.get(0).getTarget()).hasSize(2 + tasks.size());
        // The author is the caller (the token's fhirUser, here the sandbox clinician); the therapist the
        // request named is the plan's author.
        assertThat(provenance.get(0).getAgent()).extracting(a -> a.getWho().getReference() == null
                ? a.getWho().getType() : a.getWho().getReference())
                .containsExactlyInAnyOrder(health.rapport.sandbox.ehr.SandboxEhr.PRACTITIONER, "Device");
        assertThat(plan.getAuthor().getReference()).isEqualTo("Practitioner/" + practitioner);
        assertThat(Fhir.errors(provenance.get(0))).isEmpty();
    }

    @Test
    void enrollingAgainReturnsTheOpenPlanAndWritesNothing(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();

        CarePlan first = enrol(ehr, patient);
        int tasks = ehr.count("Task?patient=Patient/" + patient);
        CarePlan second = enrol(ehr, patient);

        assertThat(second.getIdPart()).isEqualTo(first.getIdPart());
        assertThat(second.getMeta().getVersionId()).isEqualTo(first.getMeta().getVersionId());
        assertThat(ehr.count("CarePlan?subject=Patient/" + patient)).isEqualTo(1);
        assertThat(ehr.count("Task?patient=Patient/" + patient)).isEqualTo(tasks);
        assertThat(ehr.count("Provenance?target=CarePlan/" + first.getIdPart())).isEqualTo(1);
    }

    @Test
    void tenConcurrentEnrolmentsOfOnePatientMakeExactlyOnePlan(Sandbox sandbox) throws Exception {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return ehr.operation("Patient/" + patient + "/$ipt-enroll", new Parameters());
                }));
            }
            start.countDown();
            List<String> planIds = new ArrayList<>();
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                planIds.add(Fhir.parse(CarePlan.class, response.body()).getIdPart());
            }
            assertThat(planIds).containsOnly(planIds.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(ehr.count("CarePlan?subject=Patient/" + patient)).isEqualTo(1);
        assertThat(ehr.count("Task?patient=Patient/" + patient)).isEqualTo(4);
        assertThat(ehr.count("Provenance?_tag=" + java.net.URLEncoder.encode(
                BASE + "/CodeSystem/write|enrol/" + patient + "/1", java.nio.charset.StandardCharsets.UTF_8)))
                .as("one Provenance for the one enrolment").isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedWithAnOutcomeAndWriteNothing(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();

        assertRefused(ehr.operation("Patient/does-not-exist/$ipt-enroll", new Parameters()), 404, "does not exist");
        assertRefused(ehr.operation("Patient/" + patient + "/$ipt-enroll",
                new Parameters().addParameter("sessions", new IntegerType(30))), 422, "8 to 20 sessions");
        assertRefused(ehr.operation("Patient/" + patient + "/$ipt-enroll",
                new Parameters().addParameter("practitioner", new StringType("Practitioner/nobody"))), 422, "does not exist");
        assertRefused(ehr.operation("Patient/" + patient + "/$ipt-enroll",
                new Parameters().addParameter("planDefinition", new CanonicalType(BASE + "/PlanDefinition/nope"))),
                422, "Unknown plan definition");
        assertRefused(ehr.operation("Patient/" + patient + "/$ipt-enroll",
                new Parameters().addParameter("practitioner", new StringType("../../etc"))), 400, "not a Practitioner");
        assertRefused(ehr.operation("Patient/" + patient + "/$ipt-enroll",
                new Parameters().addParameter("integrationRoute", new Coding("urn:other", "x", null))), 400,
                "integrationRoute");

        assertThat(ehr.count("CarePlan?subject=Patient/" + patient)).isZero();
        assertThat(ehr.count("Task?patient=Patient/" + patient)).isZero();
    }

    static CarePlan enrol(Ehr ehr, String patient) {
        HttpResponse<String> response = ehr.operation("Patient/" + patient + "/$ipt-enroll", new Parameters());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Fhir.parse(CarePlan.class, response.body());
    }

    static void assertRefused(HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        OperationOutcome outcome = Fhir.parse(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(reason);
    }

    private static Coding coding(Extension extension) {
        return (Coding) extension.getValue();
    }
}
