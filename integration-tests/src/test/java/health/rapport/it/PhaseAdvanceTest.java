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
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CarePlan/$ipt-advance: the manual's rules and optimistic locking end to end. */
@ExtendWith(SandboxExtension.class)
class PhaseAdvanceTest {

    private static final String BASE = "https://rapport-ipt.org/fhir";

    @Test
    void theInitialPhaseEndsOnlyWithAnInventoryAndAProblemArea(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        CarePlan plan = EnrollmentTest.enrol(ehr, patient);

        EnrollmentTest.assertRefused(advance(ehr, plan, "middle"), 422, "completed Interpersonal Inventory");
        assertThat(read(ehr, plan).getMeta().getVersionId()).isEqualTo(plan.getMeta().getVersionId());

        formulate(ehr, patient, plan);
        HttpResponse<String> moved = advance(ehr, plan, "middle");

        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        CarePlan middle = Fhir.parse(CarePlan.class, moved.body());
        assertThat(phase(middle)).isEqualTo("middle");
        assertThat(Fhir.errors(middle)).isEmpty();
        assertThat(ehr.count("Provenance?target=CarePlan/" + plan.getIdPart())).isEqualTo(2);
    }

    @Test
    void ofConcurrentAdvancesExactlyOneWinsAndNoUpdateIsLost(Sandbox sandbox) throws Exception {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        CarePlan plan = EnrollmentTest.enrol(ehr, patient);
        formulate(ehr, patient, plan);
        CarePlan middle = Fhir.parse(CarePlan.class, advance(ehr, plan, "middle").body());
        int version = Integer.parseInt(middle.getMeta().getVersionId());

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return ehr.operation("CarePlan/" + plan.getIdPart() + "/$ipt-advance",
                            new Parameters().addParameter("phase", new CodeType("termination")),
                            "W/\"" + version + "\"");
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                if (response.statusCode() == 200) {
                    won++;
                } else {
                    EnrollmentTest.assertRefused(response, 409, "reload it and try again");
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        CarePlan after = read(ehr, plan);
        assertThat(phase(after)).isEqualTo("termination");
        assertThat(Integer.parseInt(after.getMeta().getVersionId())).isEqualTo(version + 1);
    }

    @Test
    void completingACourseFreesThePatientForANewOne(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        CarePlan plan = EnrollmentTest.enrol(ehr, patient);
        formulate(ehr, patient, plan);
        advance(ehr, plan, "middle");

        EnrollmentTest.assertRefused(advance(ehr, plan, "completed"), 422, "cannot move to 'completed'");
        assertThat(advance(ehr, plan, "termination").statusCode()).isEqualTo(200);
        HttpResponse<String> done = advance(ehr, plan, "completed");

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        CarePlan completed = Fhir.parse(CarePlan.class, done.body());
        assertThat(completed.getStatus()).isEqualTo(CarePlan.CarePlanStatus.COMPLETED);
        assertThat(completed.getPeriod().hasEnd()).isTrue();
        assertThat(Fhir.errors(completed)).isEmpty();
        EnrollmentTest.assertRefused(advance(ehr, plan, "middle"), 422, "only an active course");
        CarePlan second = EnrollmentTest.enrol(ehr, patient);
        assertThat(second.getIdPart()).isNotEqualTo(plan.getIdPart());
        assertThat(second.getIdentifier()).anyMatch(i -> i.getValue().equals(patient + "/2"));
    }

    @Test
    void terminationCanOpenMaintenance(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        CarePlan plan = EnrollmentTest.enrol(ehr, patient);
        formulate(ehr, patient, plan);
        advance(ehr, plan, "middle");
        advance(ehr, plan, "termination");

        HttpResponse<String> response = advance(ehr, plan, "maintenance");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        CarePlan maintenance = Fhir.parse(CarePlan.class, response.body());
        assertThat(phase(maintenance)).isEqualTo("maintenance");
        assertThat(maintenance.getInstantiatesCanonical()).anyMatch(c -> c.getValue().contains("ipt-maintenance"));
        assertThat(Fhir.errors(maintenance)).isEmpty();
    }

    @Test
    void aStaleIfMatchAndAnUnknownPlanAreRefused(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        CarePlan plan = EnrollmentTest.enrol(ehr, ehr.newPatient());

        EnrollmentTest.assertRefused(ehr.operation("CarePlan/" + plan.getIdPart() + "/$ipt-advance",
                new Parameters().addParameter("phase", new CodeType("middle")), "W/\"99\""), 409, "has changed");
        EnrollmentTest.assertRefused(ehr.operation("CarePlan/nope/$ipt-advance",
                new Parameters().addParameter("phase", new CodeType("middle"))), 404, "does not exist");
        EnrollmentTest.assertRefused(advance(ehr, plan, "sideways"), 422, "cannot move to 'sideways'");
    }

    private static HttpResponse<String> advance(Ehr ehr, CarePlan plan, String phase) {
        return ehr.operation("CarePlan/" + plan.getIdPart() + "/$ipt-advance",
                new Parameters().addParameter("phase", new CodeType(phase)));
    }

    private static CarePlan read(Ehr ehr, CarePlan plan) {
        return ehr.record.read().resource(CarePlan.class).withId(plan.getIdPart()).execute();
    }

    private static String phase(CarePlan plan) {
        return ((Coding) plan.getExtensionByUrl(BASE + "/StructureDefinition/ipt-phase").getValue()).getCode();
    }

    /**
     * What processing a completed Inventory leaves behind (the response itself, the problem
     * area on the plan), written straight to the FHIR server.
     */
    static void formulate(Ehr ehr, String patient, CarePlan plan) {
        QuestionnaireResponse inventory = new QuestionnaireResponse()
                .setQuestionnaire(BASE + "/Questionnaire/interpersonal-inventory|0.1.0")
                .setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED)
                .setSubject(new Reference("Patient/" + patient));
        ehr.record.create().resource(inventory).execute();
        CarePlan current = read(ehr, plan);
        current.addExtension(BASE + "/StructureDefinition/problem-area", new CodeableConcept(
                new Coding(BASE + "/CodeSystem/ipt-problem-area", "role-transition", "Role transition")));
        ehr.record.update().resource(current).execute();
    }
}
