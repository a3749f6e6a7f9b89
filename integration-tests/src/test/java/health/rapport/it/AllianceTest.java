package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.StreamSupport;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alliance measured and acted on, through the real host: each saved session feedback form gives a
 * session alliance score; a drop from the patient's own mean raises the CDS warning card and the
 * panel's notice, and a recovered score clears both.
 */
@ExtendWith(SandboxExtension.class)
class AllianceTest {

    private static final String BASE = "https://rapport-ipt.org/fhir";
    private static final String HEADLINE = "Possible alliance rupture: check in with the patient";

    @Test
    void aDropRaisesTheWarningOnTheCardAndThePanelAndARecoveryClearsIt(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        try (CdsCalls cds = new CdsCalls(sandbox)) {
            feedback(ehr, patient, "2026-11-02T10:50:00Z", "completely", "completely", "mostly");
            feedback(ehr, patient, "2026-11-09T10:50:00Z", "completely", "completely", "completely");
            assertThat(warnings(cds.patientView(patient))).isEmpty();
            assertThat(panel(sandbox, patient).path("alliance").path("warning").isNull()).isTrue();

            feedback(ehr, patient, "2026-11-16T10:50:00Z", "mostly", "somewhat", "mostly");
            List<Observation> scores = ehr.all("Observation?subject=Patient/" + patient + "&code=" + BASE
                    + "/CodeSystem/rapport-observation|session-alliance-score", Observation.class);
            assertThat(scores).extracting(o -> o.getValueIntegerType().getValue()).containsExactlyInAnyOrder(11, 12, 8);
            scores.forEach(o -> assertThat(Fhir.errors(o)).isEmpty());

            assertThat(warnings(cds.patientView(patient))).singleElement().satisfies(card -> {
                assertThat(card.path("indicator").asText()).isEqualTo("warning");
                assertThat(card.path("detail").asText()).contains("3.5 below the patient's own mean of 11.5")
                        .contains("metacommunication");
            });
            JsonNode alliance = panel(sandbox, patient).path("alliance");
            assertThat(alliance.path("warning").path("headline").asText()).isEqualTo(HEADLINE);
            assertThat(alliance.path("scores")).hasSize(3);

            feedback(ehr, patient, "2026-11-23T10:50:00Z", "completely", "mostly", "completely");
            assertThat(warnings(cds.patientView(patient))).as("the alliance recovered").isEmpty();
            assertThat(panel(sandbox, patient).path("alliance").path("warning").isNull()).isTrue();
        }
    }

    /** A session feedback form with these three ratings, saved and processed; its id. */
    @Test
    void anAmendedFeedbackFormRevisesItsScoreInsteadOfAddingOne(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        String id = feedback(ehr, patient, "2026-11-02T10:50:00Z", "completely", "completely", "mostly");

        QuestionnaireResponse amended = ehr.record.read().resource(QuestionnaireResponse.class).withId(id).execute();
        Responses.item(amended, "feedback.focus").getAnswerFirstRep().setValue(rating("somewhat"));
        amended.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED);
        ehr.record.update().resource(amended).execute();
        ProcessingTest.process(ehr, id);

        List<Observation> scores = ehr.all("Observation?subject=Patient/" + patient + "&code=" + BASE
                + "/CodeSystem/rapport-observation|session-alliance-score", Observation.class);
        assertThat(scores).singleElement().satisfies(o -> {
            assertThat(o.getValueIntegerType().getValue()).isEqualTo(10);
            assertThat(o.getStatus()).isEqualTo(Observation.ObservationStatus.AMENDED);
            assertThat(Fhir.errors(o)).isEmpty();
        });
        assertThat(ehr.count("Observation?subject=Patient/" + patient + "&code=" + BASE
                + "/CodeSystem/rapport-observation|session-focus-agreed")).isEqualTo(1);
    }

    static String feedback(Ehr ehr, String patient, String authored, String alliance, String understood, String focus) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setQuestionnaire(BASE + "/Questionnaire/session-feedback|0.1.0");
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(new Reference("Patient/" + patient));
        response.setAuthored(Date.from(Instant.parse(authored)));
        QuestionnaireResponse.QuestionnaireResponseItemComponent group = response.addItem().setLinkId("feedback");
        group.addItem().setLinkId("feedback.alliance").addAnswer().setValue(rating(alliance));
        group.addItem().setLinkId("feedback.understood").addAnswer().setValue(rating(understood));
        group.addItem().setLinkId("feedback.focus").addAnswer().setValue(rating(focus));
        String id = ProcessingTest.store(ehr, response);
        ProcessingTest.process(ehr, id);
        return id;
    }

    private static Coding rating(String code) {
        return new Coding(BASE + "/CodeSystem/feedback-agreement", code, null);
    }

    private static List<JsonNode> warnings(JsonNode cards) {
        return StreamSupport.stream(cards.spliterator(), false)
                .filter(c -> c.path("summary").asText().equals(HEADLINE)).toList();
    }

    private static JsonNode panel(Sandbox sandbox, String patient) {
        HttpResponse<String> answer = Http.get(sandbox.rapportUrl() + "/app/api/chart?patient=" + patient);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.parse(answer.body());
    }
}
