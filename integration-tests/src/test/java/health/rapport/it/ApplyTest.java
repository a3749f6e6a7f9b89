package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PlanDefinition/$apply: CPG semantics, the problem area chooses the sub-plan, nothing is written. */
@ExtendWith(SandboxExtension.class)
class ApplyTest {

    private static final String BASE = "https://rapport-ipt.org/fhir";

    @Test
    void roleDisputeAtImpasseAppliesItsOwnStrategiesAndPersistsNothing(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();

        HttpResponse<String> response = ehr.operation("PlanDefinition/ipt-acute-course/$apply", new Parameters()
                .addParameter("subject", new StringType("Patient/" + patient))
                .addParameter("sessions", new IntegerType(16))
                .addParameter("problemArea", new Coding(BASE + "/CodeSystem/ipt-problem-area", "role-dispute", "Role dispute"))
                .addParameter("disputeStage", new Coding(BASE + "/CodeSystem/role-dispute-stage", "impasse", "Impasse")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        CarePlan plan = Fhir.parse(CarePlan.class, response.body());
        assertThat(plan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.DRAFT);
        assertThat(plan.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PROPOSAL);
        List<String> definitions = plan.getActivity().stream()
                .flatMap(a -> a.getDetail().getInstantiatesCanonical().stream()).map(CanonicalType::getValue).toList();
        assertThat(definitions)
                .contains(BASE + "/ActivityDefinition/ipt-task-restart-negotiation-impasse|0.1.0",
                        BASE + "/ActivityDefinition/ipt-technique-communication-analysis|0.1.0",
                        BASE + "/ActivityDefinition/collect-interpersonal-inventory|0.1.0")
                .doesNotContain(BASE + "/ActivityDefinition/ipt-task-improve-communication-renegotiation|0.1.0",
                        BASE + "/ActivityDefinition/ipt-task-facilitate-mourning|0.1.0");
        assertThat(plan.getActivity()).extracting(a -> a.getDetail().getScheduledStringType().getValue())
                .contains("Session 1", "Sessions 1–3", "Sessions 4–13", "Sessions 14–16", "Session 16");
        assertThat(Fhir.errors(plan)).isEmpty();
        assertThat(ehr.count("CarePlan?subject=Patient/" + patient)).isZero();
    }

    @Test
    void aShortCourseScalesItsPhases(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);

        HttpResponse<String> response = ehr.operation("PlanDefinition/ipt-acute-course/$apply", new Parameters()
                .addParameter("subject", new StringType("Patient/" + ehr.newPatient()))
                .addParameter("sessions", new IntegerType(8)));

        CarePlan plan = Fhir.parse(CarePlan.class, response.body());
        assertThat(plan.getActivity()).extracting(a -> a.getDetail().getScheduledStringType().getValue())
                .contains("Session 1", "Sessions 1–2", "Sessions 3–6", "Sessions 7–8", "Session 8")
                .noneMatch(s -> s.contains("16") || s.contains("13"));
    }

    @Test
    void unknownDefinitionsAndMissingSubjectsAreRefused(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);

        EnrollmentTest.assertRefused(ehr.operation("PlanDefinition/nope/$apply", new Parameters()
                .addParameter("subject", new StringType("Patient/1"))), 404, "not one of Rapport's");
        HttpResponse<String> noSubject = ehr.operation("PlanDefinition/ipt-acute-course/$apply", new Parameters());
        assertThat(noSubject.statusCode()).isBetween(400, 499);
    }
}
