package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** QuestionnaireResponse/$ipt-process and $extract, and the plan changes they drive. */
@ExtendWith(SandboxExtension.class)
class ProcessingTest {

    private static final String BASE = "https://rapport-ipt.org/fhir";

    @Test
    void theInventorySetsTheProblemAreaAddsItsStrategiesAndOpensTheMiddlePhase(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        CarePlan enrolled = EnrollmentTest.enrol(ehr, patient);
        String response = store(ehr, Responses.inventory(patient));

        Parameters result = process(ehr, response);

        assertThat(result.getParameterValue("outcome").primitiveValue()).isEqualTo("processed");
        CarePlan plan = (CarePlan) result.getParameter("carePlan").getResource();
        assertThat(plan.getExtensionsByUrl(BASE + "/StructureDefinition/problem-area")).isNotEmpty();
        assertThat(plan.getAddresses()).isNotEmpty();
        assertThat(plan.getGoal()).isNotEmpty();
        assertThat(plan.getActivity()).hasSizeGreaterThan(enrolled.getActivity().size());
        assertThat(Fhir.errors(plan)).isEmpty();
        for (String type : List.of("Condition", "Goal", "RelatedPerson", "Observation")) {
            List<Resource> written = search(ehr, type + "?patient=Patient/" + patient);
            assertThat(written).as(type).isNotEmpty();
            written.forEach(r -> assertThat(Fhir.errors(r)).as(r.getIdElement().getValue()).isEmpty());
        }
        assertThat(search(ehr, "Task?patient=Patient/" + patient + "&status=completed"))
                .extracting(r -> ((Task) r).getDescription()).anyMatch(d -> d.contains("Interpersonal Inventory"));
        // The plan itself says it is done (what other systems read): the one-off Inventory activity is completed.
        assertThat(plan.getActivity()).filteredOn(a -> a.getDetail().getInstantiatesCanonical().stream()
                        .anyMatch(c -> c.getValue().contains("/ActivityDefinition/") && c.getValue().contains("inventory")))
                .isNotEmpty()
                .anyMatch(a -> a.getDetail().getStatus() == CarePlan.CarePlanActivityStatus.COMPLETED);

        int before = ehr.count("Condition?patient=Patient/" + patient) + ehr.count("Goal?patient=Patient/" + patient)
                + ehr.count("RelatedPerson?patient=Patient/" + patient);
        String planVersion = ehr.record.read().resource(CarePlan.class).withId(plan.getIdPart()).execute()
                .getMeta().getVersionId();
        Parameters again = process(ehr, response);
        assertThat(again.getParameterValue("outcome").primitiveValue()).isEqualTo("already-processed");
        assertThat(ehr.count("Condition?patient=Patient/" + patient) + ehr.count("Goal?patient=Patient/" + patient)
                + ehr.count("RelatedPerson?patient=Patient/" + patient)).isEqualTo(before);
        assertThat(ehr.record.read().resource(CarePlan.class).withId(plan.getIdPart()).execute()
                .getMeta().getVersionId()).isEqualTo(planVersion);

        HttpResponse<String> middle = ehr.operation("CarePlan/" + plan.getIdPart() + "/$ipt-advance",
                new Parameters().addParameter("phase", new CodeType("middle")));
        assertThat(middle.statusCode()).as(middle.body()).isEqualTo(200);
    }

    @Test
    void aPhq9IsScoredOnTheServerCompletesItsTaskAndSchedulesTheNextSession(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        QuestionnaireResponse phq9 = Responses.phq9(patient, new Date(), 2, 3, 2, 2, 1, 2, 2, 1, 1);
        String response = store(ehr, phq9);

        Parameters result = process(ehr, response);

        Parameters.ParametersParameterComponent score = result.getParameter("score");
        assertThat(part(score, "total")).isEqualTo("16");
        assertThat(part(score, "safetySignal")).isEqualTo("true");
        List<Observation> observations = search(ehr, "Observation?patient=Patient/" + patient
                + "&code=http://loinc.org|44261-6,http://loinc.org|44260-8").stream().map(r -> (Observation) r).toList();
        assertThat(observations).hasSize(2);
        assertThat(observations).filteredOn(o -> o.getCode().getCodingFirstRep().getCode().equals("44261-6"))
                .singleElement().satisfies(o -> assertThat(((IntegerType) o.getValue()).getValue()).isEqualTo(16));
        observations.forEach(o -> assertThat(Fhir.errors(o)).isEmpty());
        assertThat(search(ehr, "Task?patient=Patient/" + patient + "&status=requested"))
                .extracting(r -> ((Task) r).getDescription()).anyMatch(d -> d.contains("PHQ-9") && d.contains("session 2"));
        CarePlan plan = (CarePlan) result.getParameter("carePlan").getResource();
        assertThat(plan.getExtensionByUrl(BASE + "/StructureDefinition/completed-sessions").getValue().primitiveValue())
                .isEqualTo("1");
        // A repeating measure's activity is under way, not done.
        assertThat(plan.getActivity()).filteredOn(a -> a.getDetail().getInstantiatesCanonical().stream()
                        .anyMatch(c -> c.getValue().contains("phq-9") || c.getValue().contains("phq9")))
                .anyMatch(a -> a.getDetail().getStatus() == CarePlan.CarePlanActivityStatus.INPROGRESS);
        assertThat(Fhir.errors(plan)).isEmpty();

        assertThat(process(ehr, response).getParameterValue("outcome").primitiveValue()).isEqualTo("already-processed");
        assertThat(ehr.count("Observation?patient=Patient/" + patient + "&code=http://loinc.org|44261-6")).isEqualTo(1);
    }

    @Test
    void noResponseBySessionSixSuggestsAdaptationAndTheClinicianAppliesOne(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        CarePlan plan = EnrollmentTest.enrol(ehr, patient);
        // Sessions within the course (which started today), one measure each.
        Instant start = Instant.now();
        Parameters last = null;
        for (int session = 0; session < 6; session++) {
            Date authored = Date.from(start.plus(session, ChronoUnit.MINUTES));
            last = process(ehr, store(ehr, Responses.phq9(patient, authored, 2, 2, 2, 2, 2, 2, 2, 2, 0)));
        }

        Parameters.ParametersParameterComponent treatment = last.getParameter("treatmentResponse");
        assertThat(part(treatment, "status")).isEqualTo("non-response");
        assertThat(treatment.getPart()).filteredOn(p -> p.getName().equals("suggestion")).isNotEmpty();
        assertThat(ehr.count("Observation?patient=Patient/" + patient + "&code=" + BASE
                + "/CodeSystem/rapport-observation|measure-response-status")).isPositive();

        HttpResponse<String> adapted = ehr.operation("CarePlan/" + plan.getIdPart() + "/$ipt-adapt", new Parameters()
                .addParameter("intervention", new Coding(BASE + "/CodeSystem/integrative-intervention",
                        "countertransference-reflection", null)));
        assertThat(adapted.statusCode()).as(adapted.body()).isEqualTo(200);
        CarePlan after = Fhir.parse(CarePlan.class, adapted.body());
        assertThat(after.getActivity()).anySatisfy(a -> {
            assertThat(a.getDetail().getCode().getCodingFirstRep().getCode()).isEqualTo("countertransference-reflection");
            assertThat(a.getExtensionByUrl(BASE + "/StructureDefinition/inline-security-label")).isNotNull();
        });
        assertThat(Fhir.errors(after)).isEmpty();
    }

    @Test
    void unusableResponsesAreRefusedAndWriteNothingButTheirItem9(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        QuestionnaireResponse draft = Responses.phq9(patient, new Date(), 1, 1, 1, 1, 1, 1, 1, 1, 0)
                .setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);

        EnrollmentTest.assertRefused(ehr.operation("QuestionnaireResponse/" + store(ehr, draft) + "/$ipt-process",
                new Parameters()), 422, "Only a completed QuestionnaireResponse");
        EnrollmentTest.assertRefused(ehr.operation("QuestionnaireResponse/nope/$ipt-process", new Parameters()), 404,
                "does not exist");
        QuestionnaireResponse bad = Responses.phq9(patient, new Date(), 1, 1, 1, 1, 1, 1, 1, 1, 0);
        bad.getItemFirstRep().getItemFirstRep().getAnswerFirstRep().setValue(new Coding("http://loinc.org", "LA0000-0", null));
        EnrollmentTest.assertRefused(ehr.operation("QuestionnaireResponse/" + store(ehr, bad) + "/$ipt-process",
                new Parameters()), 422, "PHQ-9 item 9 was recorded first");

        // Safety is written first: the defect elsewhere in the form did not prevent the item-9 answer.
        List<Observation> written = ehr.all("Observation?patient=Patient/" + patient, Observation.class);
        assertThat(written).hasSize(1);
        assertThat(written.get(0).getCode().getCodingFirstRep().getCode()).isEqualTo("44260-8");
        assertThat(Fhir.errors(written.get(0))).isEmpty();
        assertThat(ehr.count("Task?patient=Patient/" + patient + "&status=completed")).isZero();
    }

    @Test
    void extractReturnsTheDerivedResourcesAndWritesNothing(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        QuestionnaireResponse phq9 = Responses.phq9(patient, new Date(), 0, 0, 1, 0, 0, 0, 0, 0, 0);

        HttpResponse<String> response = ehr.operation("QuestionnaireResponse/$extract", new Parameters()
                .addParameter(new Parameters.ParametersParameterComponent().setName("questionnaire-response")
                        .setResource(phq9)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle bundle = Fhir.parse(Bundle.class, response.body());
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType()).containsOnly("Observation");
        assertThat(ehr.count("Observation?patient=Patient/" + patient)).isZero();
    }

    @Test
    void populateStartsAReassessmentFromThePreviousInventory(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String first = ehr.newPatient();
        store(ehr, Responses.inventory(patient));

        HttpResponse<String> answer = ehr.operation("Questionnaire/interpersonal-inventory/$populate",
                new Parameters().addParameter("subject", new org.hl7.fhir.r4.model.Reference("Patient/" + patient)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        QuestionnaireResponse populated = Populate.response(answer);
        assertThat(populated.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
        assertThat(populated.getSubject().getDisplay()).contains("Synthetic");
        assertThat(populated.getItemFirstRep().getLinkId()).isEqualTo("relationships");
        assertThat(populated.getItemFirstRep().getItem()).filteredOn(i -> i.getLinkId().equals("relationship"))
                .hasSize(Responses.inventory(patient).getItemFirstRep().getItem().stream()
                        .filter(i -> i.getLinkId().equals("relationship")).toList().size());
        assertThat(Fhir.errors(populated)).isEmpty();

        QuestionnaireResponse fresh = Populate.response(ehr.operation(
                "Questionnaire/interpersonal-inventory/$populate", new Parameters().addParameter("subject",
                        new org.hl7.fhir.r4.model.StringType("Patient/" + first))));
        assertThat(fresh.getItem()).extracting(i -> i.getLinkId()).doesNotContain("relationships");
        EnrollmentTest.assertRefused(ehr.operation("Questionnaire/phq-9/$populate", new Parameters()
                .addParameter("subject", new org.hl7.fhir.r4.model.StringType("Patient/nobody"))), 404, "does not exist");
        EnrollmentTest.assertRefused(ehr.operation("Questionnaire/nope/$populate", new Parameters()
                .addParameter("subject", new org.hl7.fhir.r4.model.StringType("Patient/" + patient))), 404,
                "does not exist");
    }

    static String store(Ehr ehr, QuestionnaireResponse response) {
        return ehr.record.create().resource(response).execute().getId().getIdPart();
    }

    static Parameters process(Ehr ehr, String response) {
        HttpResponse<String> answer = ehr.operation("QuestionnaireResponse/" + response + "/$ipt-process", new Parameters());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Fhir.parse(Parameters.class, answer.body());
    }

    private static List<Resource> search(Ehr ehr, String query) {
        return ehr.record.search().byUrl(query).returnBundle(Bundle.class).execute().getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource).toList();
    }

    private static String part(Parameters.ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream().filter(p -> p.getName().equals(name)).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse(null);
    }

}
