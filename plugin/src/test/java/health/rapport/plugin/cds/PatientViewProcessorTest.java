package health.rapport.plugin.cds;

import static health.rapport.plugin.cds.CdsFixtures.JSON;
import static health.rapport.plugin.cds.CdsFixtures.bytes;
import static health.rapport.plugin.cds.CdsFixtures.request;
import static health.rapport.plugin.cds.CdsFixtures.searchset;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The card logic of rapport-ipt, from prefetch alone (no FHIR server is ever named here). */
class PatientViewProcessorTest {

    private static final String SERVICES = "https://rapport.example.org/rapport/cds-services";
    private static final Set<String> ELIGIBLE = Set.of("urn:example:site-diagnoses|MDD");

    private final PatientViewProcessor processor = CdsFixtures.processor(ELIGIBLE);


    private static ObjectNode fullPrefetchOfP1() {
        ObjectNode prefetch = JSON.createObjectNode();
        prefetch.set("openIptCarePlan", searchset("CarePlan-p1-course.json"));
        prefetch.set("phq9Responses", searchset("QuestionnaireResponse-p1-phq9-session7.json",
                "QuestionnaireResponse-p1-phq9-baseline.json"));
        prefetch.set("scoreObservations", searchset("Observation-p1-phq9-total-session7.json",
                "Observation-p1-phq9-item9-session7.json", "Observation-p1-phq9-total-baseline.json"));
        prefetch.set("requestedTasks", searchset("Task-p1-phq9-session8.json", "Task-p1-gad7-session8.json"));
        prefetch.set("eligibleConditions", searchset());
        return prefetch;
    }

    private JsonNode cards(CdsAnswer answer) {
        assertThat(answer.status()).isEqualTo(200);
        return JSON.valueToTree(answer.body()).path("cards");
    }

    @Test
    void item9PositiveComesFirstAsCriticalThenTheOtherCardsByUrgency() {
        JsonNode cards = cards(processor.handle(bytes(request("p1", fullPrefetchOfP1())), SERVICES));

        assertThat(cards).extracting(c -> c.path("indicator").asText())
                .containsExactly("critical", "warning", "info", "info");
        JsonNode safety = cards.get(0);
        assertThat(safety.path("summary").asText()).contains("item 9 positive").contains("several days");
        assertThat(safety.path("detail").asText()).contains("QuestionnaireResponse/p1-phq9-session7")
                .doesNotContain("Observation/p1-phq9-item9-session7"); // the same answer, counted once
        assertThat(safety.path("links").get(0).path("url").asText()).isEqualTo("https://intranet.example.org/suicide-risk");
        assertThat(safety.path("overrideReasons")).isEmpty();

        JsonNode nonResponse = cards.get(1);
        assertThat(nonResponse.path("summary").asText()).contains("No PHQ-9 response by session 6").contains("16 → 16");
        assertThat(nonResponse.path("detail").asText()).contains("Revisit the problem area");
        assertThat(nonResponse.path("overrideReasons")).hasSize(3);

        JsonNode course = cards.get(2);
        assertThat(course.path("summary").asText()).isEqualTo("IPT middle phase: 7 of 16 sessions done, 9 left; Role dispute");
        assertThat(course.path("detail").asText()).contains("Impasse");

        JsonNode due = cards.get(3);
        assertThat(due.path("summary").asText()).isEqualTo("Due: PHQ-9, GAD-7");
        JsonNode link = due.path("links").get(0);
        assertThat(link.path("type").asText()).isEqualTo("smart");
        assertThat(link.path("url").asText()).isEqualTo("https://rapport.example.org/rapport/app/launch");
        assertThat(link.path("appContext").asText()).isEqualTo("tasks=Task/p1-phq9-session8,Task/p1-gad7-session8");
        assertThat(cards).allSatisfy(c -> {
            assertThat(c.path("uuid").asText()).hasSize(36);
            assertThat(c.path("summary").asText().length()).isLessThanOrEqualTo(140);
            assertThat(c.path("source").path("label").asText()).startsWith("Rapport");
        });
    }

    @Test
    void withOnlyThePhq9ResponsesPrefetchedAndNoServerTheSafetyCardIsStillShownAlone() {
        ObjectNode prefetch = JSON.createObjectNode();
        prefetch.set("phq9Responses", searchset("QuestionnaireResponse-p1-phq9-session7.json"));

        JsonNode cards = cards(processor.handle(bytes(request("p1", prefetch)), SERVICES));

        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).path("indicator").asText()).isEqualTo("critical");
    }

    @Test
    void anItem9ObservationAloneRaisesTheSafetyCard() {
        ObjectNode prefetch = JSON.createObjectNode();
        prefetch.set("scoreObservations", searchset("Observation-p1-phq9-item9-session7.json"));

        JsonNode cards = cards(processor.handle(bytes(request("p1", prefetch)), SERVICES));

        assertThat(cards).extracting(c -> c.path("indicator").asText()).containsExactly("critical");
    }

    @Test
    void noPrefetchAndNoServerIsACriticalCouldNotCheckCardNeverAnEmptyAnswer() {
        CdsAnswer answer = processor.handle(bytes(request("p1", JSON.createObjectNode())), SERVICES);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode cards = cards(answer);
        assertThat(cards.get(0).path("indicator").asText()).isEqualTo("critical");
        assertThat(cards.get(0).path("summary").asText()).contains("could not be checked");
    }

    @Test
    void negativeItem9WithTheObservationsMissingIsCouldNotCheckNotAnEmptyAnswer() {
        ObjectNode prefetch = JSON.createObjectNode();
        prefetch.set("phq9Responses", searchset("QuestionnaireResponse-p2-phq9.json"));

        JsonNode cards = cards(processor.handle(bytes(request("p2", prefetch)), SERVICES));
        assertThat(cards.get(0).path("indicator").asText()).isEqualTo("critical");
        assertThat(cards.get(0).path("detail").asText()).contains("Could not read the score Observations");
    }

    @Test
    void aDefectiveFormStillSurfacesItsItem9() {
        ObjectNode prefetch = JSON.createObjectNode();
        prefetch.set("phq9Responses", searchset("QuestionnaireResponse-p3-phq9-defective.json"));
        prefetch.set("scoreObservations", searchset());

        JsonNode cards = cards(processor.handle(bytes(request("p3", prefetch)), SERVICES));

        assertThat(cards.get(0).path("indicator").asText()).isEqualTo("critical");
        assertThat(cards.get(0).path("summary").asText()).contains("(2: more than half the days)");
    }

    @Test
    void anOldPositiveFollowedByARecentZeroIsNotSurfacedOnceOutsideTheLookBack() {
        ObjectNode prefetch = JSON.createObjectNode();
        prefetch.set("phq9Responses", searchset("QuestionnaireResponse-p4-phq9-recent-zero.json",
                "QuestionnaireResponse-p4-phq9-old-positive.json"));
        prefetch.set("scoreObservations", searchset());

        JsonNode cards = cards(processor.handle(bytes(request("p4", prefetch)), SERVICES));

        assertThat(cards).noneMatch(c -> "critical".equals(c.path("indicator").asText()));
    }

    @Test
    void anotherPatientsPositiveAnswerNeverReachesThisChart() {
        ObjectNode prefetch = JSON.createObjectNode();
        prefetch.set("phq9Responses", searchset("QuestionnaireResponse-p9-phq9-positive.json", "QuestionnaireResponse-p2-phq9.json"));
        prefetch.set("scoreObservations", searchset());

        JsonNode cards = cards(processor.handle(bytes(request("p2", prefetch)), SERVICES));

        assertThat(cards).noneMatch(c -> "critical".equals(c.path("indicator").asText()));
    }

    @Test
    void noOpenPlanAndAnEligibleConditionSuggestsEnrolment() {
        ObjectNode prefetch = JSON.createObjectNode();
        prefetch.putNull("openIptCarePlan");
        prefetch.set("phq9Responses", searchset("QuestionnaireResponse-p2-phq9.json"));
        prefetch.set("scoreObservations", searchset());
        prefetch.set("requestedTasks", searchset());
        prefetch.set("eligibleConditions", searchset("Condition-p2-depression.json"));

        JsonNode cards = cards(processor.handle(bytes(request("p2", prefetch)), SERVICES));

        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).path("summary").asText()).isEqualTo("Eligible for IPT: Major depressive episode (site code)");
        assertThat(cards.get(0).path("links").get(0).path("appContext").asText()).isEqualTo("enrol=Patient/p2");
    }

    @Test
    void anOpenPlanMeansNoEnrolmentCard() {
        ObjectNode prefetch = fullPrefetchOfP1();
        prefetch.set("eligibleConditions", searchset("Condition-p2-depression.json"));

        JsonNode cards = cards(processor.handle(bytes(request("p1", prefetch)), SERVICES));

        assertThat(cards).noneMatch(c -> c.path("summary").asText().startsWith("Eligible"));
    }

    @Test
    void malformedRequestsAre400() {
        assertThat(processor.handle("not json".getBytes(), SERVICES).status()).isEqualTo(400);
        ObjectNode badId = request("../Patient/x", JSON.createObjectNode());
        assertThat(processor.handle(bytes(badId), SERVICES).status()).isEqualTo(400);
        ObjectNode otherHook = request("p1", JSON.createObjectNode()).put("hook", "order-sign");
        assertThat(processor.handle(bytes(otherHook), SERVICES).status()).isEqualTo(400);
    }
}
