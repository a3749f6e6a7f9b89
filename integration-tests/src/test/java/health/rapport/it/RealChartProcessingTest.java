package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Processing on charts as hospitals have them, against HAPI FHIR JPA with its shipped search cache:
 * results other systems wrote, amended forms, unanswered items, hostile ids, concurrent callers. Each
 * test reproduces a defect once seen through the real host.
 */
@ExtendWith(SandboxExtension.class)
class RealChartProcessingTest {

    private static final String PHQ9_TOTAL = "44261-6";
    private static CdsCalls cds;

    @BeforeAll
    static void trustTheTestEhr(Sandbox sandbox) {
        cds = new CdsCalls(sandbox);
    }

    @AfterAll
    static void restore() {
        cds.close();
    }

    @Test
    void foreignPhq9TotalsOfEveryShapeNeverBlockProcessing(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        List<Observation> foreign = List.of(
                total(patient).setValue(new Quantity().setValue(12).setSystem("http://unitsofmeasure.org").setCode("{score}"))
                        .setEffective(new DateTimeType(new Date())),
                total(patient).setValue(new StringType("fourteen")).setEffective(new DateTimeType(new Date())),
                total(patient).setValue(new IntegerType(13)).setEffective(new Period().setStart(new Date())),
                total(patient).setValue(new IntegerType(15)),
                total(patient).setValue(new IntegerType(40)).setEffective(new DateTimeType(new Date())),
                total(patient).setValue(new IntegerType(11)).setEffective(new DateTimeType(new Date()))
                        .setStatus(Observation.ObservationStatus.ENTEREDINERROR),
                total(patient).setValue(new Quantity().setValue(new BigDecimal("9.5"))).setEffective(new DateTimeType(new Date())));
        foreign.forEach(o -> ehr.record.create().resource(o).execute());

        Parameters first = process(ehr, store(ehr, Responses.phq9(patient, new Date(), 2, 2, 2, 2, 2, 2, 2, 2, 1)));
        Parameters second = process(ehr, store(ehr, Responses.phq9(patient, new Date(), 1, 1, 1, 1, 1, 1, 1, 1, 0)));

        assertThat(first.getParameter("outcome").getValue().primitiveValue()).isEqualTo("processed");
        assertThat(second.getParameter("outcome").getValue().primitiveValue()).isEqualTo("processed");
        // The unusable ones are named, with the reason, in the answer.
        List<String> ignored = second.getParameters("ignored").stream()
                .map(p -> p.getPart().stream().filter(x -> "reason".equals(x.getName())).findFirst().orElseThrow()
                        .getValue().primitiveValue()).toList();
        assertThat(ignored).anyMatch(r -> r.contains("valueString is not a score"))
                .anyMatch(r -> r.contains("outside 0-27"))
                .anyMatch(r -> r.contains("entered-in-error"))
                .anyMatch(r -> r.contains("no effective time"))
                .anyMatch(r -> r.contains("not a whole number"));
        assertThat(ehr.count("Observation?patient=Patient/" + patient + "&code=http://loinc.org|44260-8")).isEqualTo(2);
        assertThat(safety(first).path("status").asText()).isEqualTo("positive");
        assertThat(safety(second).path("status").asText()).as("a later 0 never silences a recent positive")
                .isEqualTo("positive");
    }

    @Test
    void anUnansweredItem9IsAnIncompleteFormNeverACompletedSession(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        CarePlan plan = EnrollmentTest.enrol(ehr, patient);
        QuestionnaireResponse blank = Responses.phq9(patient, new Date(), 2, 2, 2, 2, 2, 2, 2, 2, 0);
        Responses.item(blank, "44260-8").getAnswer().clear();

        Parameters answer = process(ehr, store(ehr, blank));

        assertThat(answer.getParameters("note")).extracting(p -> p.getValue().primitiveValue())
                .anyMatch(n -> n.contains("Incomplete PHQ-9") && n.contains("44260-8"));
        assertThat(safety(answer).path("status").asText()).isEqualTo("not-answered");
        assertThat(ehr.count("Observation?patient=Patient/" + patient + "&code=http://loinc.org|" + PHQ9_TOTAL)).isZero();
        Task task = ehr.all("Task?based-on=CarePlan/" + plan.getIdPart(), Task.class).stream()
                .filter(t -> t.getStatus() == Task.TaskStatus.INPROGRESS).findFirst().orElseThrow();
        assertThat(task.getStatusReason().getText()).contains("44260-8").contains("never prorated");
        CarePlan after = ehr.record.read().resource(CarePlan.class).withId(plan.getIdPart()).execute();
        assertThat(after.getExtensionByUrl("https://rapport-ipt.org/fhir/StructureDefinition/completed-sessions"))
                .satisfiesAnyOf(e -> assertThat(e).isNull(),
                        e -> assertThat(e.getValue().primitiveValue()).isEqualTo("0"));
        JsonNode cards = cds.patientView(patient);
        assertThat(cards.get(0).path("indicator").asText()).isEqualTo("warning");
        assertThat(cards.get(0).path("summary").asText()).contains("unanswered");
    }

    @Test
    void anAmendedResponseSupersedesItsFirstVersion(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        CarePlan plan = EnrollmentTest.enrol(ehr, patient);
        String id = store(ehr, Responses.phq9(patient, new Date(), 2, 2, 2, 2, 2, 2, 2, 2, 0));
        process(ehr, id);

        QuestionnaireResponse amended = Responses.phq9(patient, new Date(), 1, 1, 1, 1, 1, 1, 1, 1, 0);
        amended.setId(id);
        amended.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED);
        ehr.record.update().resource(amended).execute();
        Parameters second = process(ehr, id);

        assertThat(second.getParameter("outcome").getValue().primitiveValue()).isEqualTo("processed");
        List<Observation> totals = ehr.all("Observation?patient=Patient/" + patient + "&code=http://loinc.org|"
                + PHQ9_TOTAL, Observation.class);
        assertThat(totals).hasSize(1);
        assertThat(totals.get(0).getValueIntegerType().getValue()).isEqualTo(8);
        assertThat(totals.get(0).getStatus()).isEqualTo(Observation.ObservationStatus.AMENDED);
        assertThat(Fhir.errors(totals.get(0))).isEmpty();
        assertThat(ehr.all("Task?based-on=CarePlan/" + plan.getIdPart() + "&status=completed", Task.class).stream()
                .filter(t -> t.getOutput().stream().anyMatch(o -> o.getValue() instanceof Reference r
                        && r.getReference().equals("QuestionnaireResponse/" + id)))).as("one session per response")
                .hasSize(1);
        assertThat(ehr.all("Observation?patient=Patient/" + patient
                + "&code=https://rapport-ipt.org/fhir/CodeSystem/rapport-observation|measure-response-status",
                Observation.class)).as("one judgement per response").hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void anAmendedInventoryRevisesItsResultsInsteadOfAddingASecondSet(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        CarePlan plan = EnrollmentTest.enrol(ehr, patient);
        String id = store(ehr, Responses.inventory(patient));
        process(ehr, id);
        int people = ehr.count("RelatedPerson?patient=Patient/" + patient);
        int relationships = relationships(ehr, patient).size();
        CarePlan formulated = ehr.record.read().resource(CarePlan.class).withId(plan.getIdPart()).execute();

        QuestionnaireResponse amended = ehr.record.read().resource(QuestionnaireResponse.class).withId(id).execute();
        List<QuestionnaireResponse.QuestionnaireResponseItemComponent> reps = Responses.item(amended, "relationships").getItem();
        String dropped = reps.get(reps.size() - 1).getItem().stream().filter(i -> i.getLinkId().equals("relationship.person"))
                .findFirst().orElseThrow().getAnswerFirstRep().getValue().primitiveValue();
        reps.remove(reps.size() - 1);
        amended.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED);
        ehr.record.update().resource(amended).execute();
        Parameters second = process(ehr, id);

        assertThat(second.getParameter("outcome").getValue().primitiveValue()).isEqualTo("processed");
        assertThat(ehr.count("RelatedPerson?patient=Patient/" + patient)).as("no second set of people").isEqualTo(people);
        List<Observation> after = relationships(ehr, patient);
        assertThat(after).hasSize(relationships);
        assertThat(after).filteredOn(o -> o.getStatus() == Observation.ObservationStatus.ENTEREDINERROR)
                .as("only the dropped relationship (" + dropped + ") is withdrawn").hasSize(1);
        after.forEach(o -> assertThat(Fhir.errors(o)).isEmpty());
        CarePlan revised = ehr.record.read().resource(CarePlan.class).withId(plan.getIdPart()).execute();
        assertThat(revised.getAddresses()).extracting(Reference::getReference)
                .containsExactlyInAnyOrderElementsOf(formulated.getAddresses().stream().map(Reference::getReference).toList());
        assertThat(revised.getGoal()).extracting(Reference::getReference)
                .containsExactlyInAnyOrderElementsOf(formulated.getGoal().stream().map(Reference::getReference).toList());
    }

    private static List<Observation> relationships(Ehr ehr, String patient) {
        return ehr.all("Observation?patient=Patient/" + patient
                + "&code=https://rapport-ipt.org/fhir/CodeSystem/rapport-observation|inventory-relationship", Observation.class);
    }

    @Test
    void minimalSymptomsAreBelowCasenessNotNonResponse(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        Parameters last = null;
        for (int session = 1; session <= 6; session++) {
            last = process(ehr, store(ehr, Responses.phq9(patient, new Date(), 1, 1, 1, 0, 0, 0, 0, 0, 0)));
        }

        Parameters.ParametersParameterComponent treatment = last.getParameter("treatmentResponse");
        assertThat(treatment.getPart().stream().filter(p -> "status".equals(p.getName())).findFirst().orElseThrow()
                .getValue().primitiveValue()).isEqualTo("below-caseness");
        JsonNode cards = cds.patientView(patient);
        for (JsonNode card : cards) {
            assertThat(card.path("summary").asText()).doesNotContain("No PHQ-9 response");
        }
        List<Observation> judgements = ehr.all("Observation?patient=Patient/" + patient
                + "&code=https://rapport-ipt.org/fhir/CodeSystem/rapport-observation|measure-response-status",
                Observation.class);
        assertThat(judgements).hasSize(6).allSatisfy(o -> assertThat(Fhir.errors(o)).isEmpty());
        // Every judgement after the baseline says whether the change is reliable.
        assertThat(judgements.stream().filter(o -> o.hasComponent())).hasSize(5).allSatisfy(o ->
                assertThat(o.getComponentFirstRep().getCode().getCodingFirstRep().getCode()).isEqualTo("reliable-change"));
    }

    @Test
    void aPositiveJustProcessedIsOnTheNextCardDespiteTheServersSearchCache(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        process(ehr, store(ehr, Responses.phq9(patient, new Date(), 1, 1, 1, 1, 1, 1, 1, 1, 0)));
        JsonNode before = cds.patientView(patient);
        assertThat(before.toString()).doesNotContain("item 9 positive");

        process(ehr, store(ehr, Responses.phq9(patient, new Date(), 1, 1, 1, 1, 1, 1, 1, 1, 2)));
        JsonNode after = cds.patientView(patient);

        assertThat(after.get(0).path("indicator").asText()).isEqualTo("critical");
        assertThat(after.get(0).path("summary").asText()).contains("item 9 positive");
    }

    @Test
    void concurrentEnrolmentsGiveEveryCallerTheWinnersPlan(Sandbox sandbox) throws Exception {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        // An identical search first, so HAPI's search cache holds "no open course" when the race starts.
        ehr.record.search().byUrl("CarePlan?identifier=https://rapport-ipt.org/fhir/identifier/open-ipt-course|" + patient)
                .returnBundle(org.hl7.fhir.r4.model.Bundle.class).withAdditionalHeader("Cache-Control", "max-age=60")
                .execute();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Callable<HttpResponse<String>> call = () -> ehr.operation("Patient/" + patient + "/$ipt-enroll",
                        new Parameters());
                answers.add(pool.submit(call));
            }
            List<String> plans = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).doesNotContain("HAPI-");
                plans.add(Fhir.parse(CarePlan.class, response.body()).getIdPart());
            }
            assertThat(plans).containsOnly(plans.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idsThatAreNotFhirIdsNeverReachTheFhirServer(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        String id = store(ehr, Responses.phq9(patient, new Date(), 1, 1, 1, 1, 1, 1, 1, 1, 0));

        for (String hostile : List.of(id + "%23x", id + "%20x", id + "%7Cx", id + "%2Fx")) {
            HttpResponse<String> answer = ehr.operation("QuestionnaireResponse/" + hostile + "/$ipt-process",
                    new Parameters());
            assertThat(answer.statusCode()).as(hostile + ": " + answer.body()).isBetween(400, 404);
            assertThat(answer.body()).doesNotContain(sandbox.fhirBaseUrl());
        }
        assertThat(ehr.count("Task?patient=Patient/" + patient + "&status=completed")).isZero();
        for (String path : List.of("Patient/" + patient + "%20x/$ipt-enroll", "CarePlan/x%7Cy/$ipt-advance",
                "CarePlan/x%23y/$ipt-adapt", "Questionnaire/phq-9%20x/$populate")) {
            HttpResponse<String> answer = ehr.operation(path, new Parameters());
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.body()).doesNotContain(sandbox.fhirBaseUrl()).contains("not a FHIR id");
        }
        HttpResponse<String> export = ehr.get("Patient/" + patient + "%7Cx/$ipt-export");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(400);
    }

    private static JsonNode safety(Parameters answer) {
        Parameters.ParametersParameterComponent safety = answer.getParameter("safety");
        assertThat(safety).as("the answer carries the item-9 state").isNotNull();
        com.fasterxml.jackson.databind.node.ObjectNode out = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        safety.getPart().forEach(p -> out.put(p.getName(), p.getValue().primitiveValue()));
        return out;
    }

    private static Observation total(String patient) {
        Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding().setSystem("http://loinc.org").setCode(PHQ9_TOTAL);
        o.setSubject(new Reference("Patient/" + patient));
        return o;
    }

    private static String store(Ehr ehr, QuestionnaireResponse response) {
        return ProcessingTest.store(ehr, response);
    }

    private static Parameters process(Ehr ehr, String response) {
        return ProcessingTest.process(ehr, response);
    }
}
