package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Therapy sessions through the real host: the course is an EpisodeOfCare from enrolment, each session an
 * Encounter of it (numbered among the attended ones, in time order), what was done in it Procedures
 * that move the plan's activities, and the course's session count the attended sessions — by the
 * session-record form and by {@code $ipt-record-session}, every written resource valid against its profile.
 */
@ExtendWith(SandboxExtension.class)
class SessionsTest {

    private static final String BASE = "https://rapport-ipt.org/fhir";
    private static final Coding ATTENDED = new Coding(BASE + "/CodeSystem/session-attendance", "attended", null);
    private static final Coding DID_NOT_ATTEND = new Coding(BASE + "/CodeSystem/session-attendance", "did-not-attend", null);
    private static final Coding VIDEO = new Coding(BASE + "/CodeSystem/session-modality", "video", null);
    private static final Coding IN_PERSON = new Coding(BASE + "/CodeSystem/session-modality", "in-person", null);
    private static final Coding SICK_ROLE = new Coding(BASE + "/CodeSystem/ipt-task", "psychoeducation-sick-role", null);
    private static final Coding CLARIFICATION = new Coding(BASE + "/CodeSystem/ipt-technique", "clarification", null);
    private static final Coding EMPATHIC = new Coding(BASE + "/CodeSystem/integrative-intervention", "empathic-reflection", null);
    private static final Coding ALLIANCE = new Coding(BASE + "/CodeSystem/integrative-intervention", "alliance-building", null);

    @Test
    void enrolmentOpensTheCourseAsAnEpisodeOfCare(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        CarePlan plan = EnrollmentTest.enrol(ehr, patient);
        Extension link = plan.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare");
        assertThat(link).as("the plan names its course's EpisodeOfCare").isNotNull();
        EpisodeOfCare episode = ehr.record.read().resource(EpisodeOfCare.class)
                .withUrl(((Reference) link.getValue()).getReference()).execute();
        assertThat(episode.getPatient().getReference()).isEqualTo("Patient/" + patient);
        assertThat(episode.getStatus()).isEqualTo(EpisodeOfCare.EpisodeOfCareStatus.ACTIVE);
        assertThat(Fhir.errors(episode)).isEmpty();
        assertThat(Fhir.errors(ehr.record.read().resource(CarePlan.class).withId(plan.getIdElement().getIdPart()).execute()))
                .isEmpty();
        assertThat(ehr.count("EpisodeOfCare?patient=Patient/" + patient)).isEqualTo(1);
    }

    @Test
    void sessionsAreNumberedAmongTheAttendedOnesInTimeOrderAndDriveTheCourseCount(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String plan = EnrollmentTest.enrol(ehr, patient).getIdElement().getIdPart();

        Parameters first = recorded(ehr, plan, session("2026-11-02T09:00:00Z", ATTENDED, 50, IN_PERSON, "s1")
                .addParameter("delivered", EMPATHIC).addParameter("delivered", CLARIFICATION));
        Parameters missed = recorded(ehr, plan, session("2026-11-09T09:00:00Z", DID_NOT_ATTEND, null, null, "s2"));
        Parameters third = recorded(ehr, plan, session("2026-11-16T09:00:00Z", ATTENDED, 45, VIDEO, "s3"));
        assertThat(number(resource(first, "session", Encounter.class))).isEqualTo(1);
        Encounter notHeld = resource(missed, "session", Encounter.class);
        assertThat(number(notHeld)).isNull();
        assertThat(notHeld.getStatus()).isEqualTo(Encounter.EncounterStatus.CANCELLED);
        Encounter video = resource(third, "session", Encounter.class);
        assertThat(number(video)).isEqualTo(2);
        assertThat(video.getClass_().getCode()).isEqualTo("VR");
        assertThat(video.getLength().getValue().intValue()).isEqualTo(45);
        assertThat(completed(ehr, plan)).isEqualTo(2);

        // A session recorded late takes its place in time: the ones after it are renumbered.
        recorded(ehr, plan, session("2026-11-05T09:00:00Z", ATTENDED, 50, IN_PERSON, "late"));
        Map<String, Integer> numbers = ehr.all("Encounter?subject=Patient/" + patient, Encounter.class).stream()
                .filter(e -> number(e) != null)
                .collect(Collectors.toMap(e -> e.getPeriod().getStartElement().getValueAsString().substring(0, 10), SessionsTest::number));
        assertThat(numbers).containsExactlyInAnyOrderEntriesOf(Map.of("2026-11-02", 1, "2026-11-05", 2, "2026-11-16", 3));
        assertThat(completed(ehr, plan)).isEqualTo(3);

        for (Encounter e : ehr.all("Encounter?subject=Patient/" + patient, Encounter.class)) {
            assertThat(Fhir.errors(e)).as(e.getIdElement().getIdPart()).isEmpty();
            assertThat(e.getEpisodeOfCareFirstRep().getReference()).startsWith("EpisodeOfCare/");
        }
        for (Procedure p : ehr.all("Procedure?subject=Patient/" + patient, Procedure.class)) {
            assertThat(Fhir.errors(p)).as(p.getIdElement().getIdPart()).isEmpty();
        }
    }

    @Test
    void deliveredInterventionsMoveThePlansActivitiesByTheCliniciansChoice(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String plan = EnrollmentTest.enrol(ehr, patient).getIdElement().getIdPart();

        Parameters used = recorded(ehr, plan, session("2026-11-02T09:00:00Z", ATTENDED, 50, IN_PERSON, "a")
                .addParameter("delivered", SICK_ROLE));
        Procedure procedure = resource(used, "delivered", Procedure.class);
        assertThat(procedure.getCode().getCodingFirstRep().getCode()).isEqualTo("psychoeducation-sick-role");
        assertThat(procedure.getBasedOnFirstRep().getReference()).isEqualTo("CarePlan/" + plan);
        assertThat(procedure.getEncounter().getReference())
                .isEqualTo("Encounter/" + resource(used, "session", Encounter.class).getIdElement().getIdPart());
        assertThat(activityStatus(ehr, plan, SICK_ROLE)).isEqualTo(CarePlan.CarePlanActivityStatus.INPROGRESS);

        recorded(ehr, plan, session("2026-11-09T09:00:00Z", ATTENDED, 50, IN_PERSON, "b").addParameter("completed", SICK_ROLE)
                .addParameter("delivered", ALLIANCE));
        assertThat(activityStatus(ehr, plan, SICK_ROLE)).isEqualTo(CarePlan.CarePlanActivityStatus.COMPLETED);
        assertThat(ehr.count("Procedure?subject=Patient/" + patient + "&code=" + SICK_ROLE.getSystem() + "|" + SICK_ROLE.getCode()))
                .isEqualTo(2);

        // The same record sent again changes nothing; sent corrected, the withdrawn intervention is entered-in-error.
        recorded(ehr, plan, session("2026-11-02T09:00:00Z", ATTENDED, 50, IN_PERSON, "a").addParameter("delivered", SICK_ROLE));
        assertThat(ehr.count("Procedure?subject=Patient/" + patient)).isEqualTo(3);
        recorded(ehr, plan, session("2026-11-02T09:00:00Z", ATTENDED, 50, IN_PERSON, "a").addParameter("delivered", EMPATHIC));
        assertThat(ehr.count("Procedure?subject=Patient/" + patient + "&status=entered-in-error")).isEqualTo(1);
        assertThat(ehr.count("Encounter?subject=Patient/" + patient)).isEqualTo(2);
    }

    @Test
    void theSessionRecordFormIsProcessedLikeTheOthersAndAnAmendmentCorrectsItsSession(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String plan = EnrollmentTest.enrol(ehr, patient).getIdElement().getIdPart();
        QuestionnaireResponse form = form(patient, "2026-11-02T09:00:00Z", ATTENDED, 50, IN_PERSON, CLARIFICATION);
        String id = ProcessingTest.store(ehr, form);
        Parameters result = ProcessingTest.process(ehr, id);
        Encounter session = resource(result, "session", Encounter.class);
        assertThat(number(session)).isEqualTo(1);
        assertThat(completed(ehr, plan)).isEqualTo(1);
        assertThat(ProcessingTest.process(ehr, id).getParameter("outcome").getValue().primitiveValue())
                .isEqualTo("already-processed");

        QuestionnaireResponse amended = ehr.record.read().resource(QuestionnaireResponse.class).withId(id).execute();
        amended.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED);
        amended.getItem().stream().filter(i -> i.getLinkId().equals("minutes")).findFirst().orElseThrow()
                .getAnswerFirstRep().setValue(new IntegerType(60));
        ehr.record.update().resource(amended).execute();
        Encounter corrected = resource(ProcessingTest.process(ehr, id), "session", Encounter.class);
        assertThat(corrected.getIdElement().getIdPart()).isEqualTo(session.getIdElement().getIdPart());
        assertThat(corrected.getLength().getValue().intValue()).isEqualTo(60);
        assertThat(ehr.count("Encounter?subject=Patient/" + patient)).isEqualTo(1);
        assertThat(completed(ehr, plan)).isEqualTo(1);
    }

    @Test
    void badSessionRecordsAreRefusedWithNothingWritten(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String plan = EnrollmentTest.enrol(ehr, patient).getIdElement().getIdPart();
        refused(ehr.operation("CarePlan/" + plan + "/$ipt-record-session",
                session("2026-11-02T09:00:00Z", DID_NOT_ATTEND, 50, null, "x")), 400, "no duration");
        refused(ehr.operation("CarePlan/" + plan + "/$ipt-record-session",
                session("2026-11-02T09:00:00Z", ATTENDED, 50, null, "x").addParameter("delivered",
                        new Coding("http://snomed.info/sct", "228557008", null))), 400, "is not an IPT task, IPT technique or integrative intervention");
        refused(ehr.operation("CarePlan/" + plan + "/$ipt-record-session",
                session("2026-11-02T09:00:00Z", new Coding(BASE + "/CodeSystem/session-attendance", "maybe", null), null, null, "x")),
                400, "attendance must be");
        refused(ehr.operation("CarePlan/" + plan + "/$ipt-record-session",
                session("2026-11-02T09:00:00Z", ATTENDED, 5000, null, "x")), 400, "minutes");
        Parameters dayOnly = session("2026-11-02T09:00:00Z", ATTENDED, 50, null, "x");
        dayOnly.getParameter().removeIf(p -> p.getName().equals("date"));
        dayOnly.addParameter("date", new DateTimeType("2026-11-02"));
        refused(ehr.operation("CarePlan/" + plan + "/$ipt-record-session", dayOnly), 400, "time of day");
        assertThat(ehr.count("Encounter?subject=Patient/" + patient)).isZero();
        assertThat(ehr.count("Procedure?subject=Patient/" + patient)).isZero();
    }

    static Parameters session(String start, Coding attendance, Integer minutes, Coding modality, String key) {
        Parameters in = new Parameters();
        in.addParameter("date", new DateTimeType(start));
        in.addParameter("attendance", attendance);
        if (minutes != null) {
            in.addParameter("minutes", new IntegerType(minutes));
        }
        if (modality != null) {
            in.addParameter("modality", modality);
        }
        in.addParameter("key", new StringType(key));
        return in;
    }

    static Parameters recorded(Ehr ehr, String plan, Parameters session) {
        HttpResponse<String> answer = ehr.operation("CarePlan/" + plan + "/$ipt-record-session", session);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Fhir.parse(Parameters.class, answer.body());
    }

    static QuestionnaireResponse form(String patient, String start, Coding attendance, Integer minutes, Coding modality,
            Coding... techniques) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setQuestionnaire(BASE + "/Questionnaire/session-record");
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(new Reference("Patient/" + patient));
        response.setAuthored(new Date());
        response.addItem().setLinkId("session-date").addAnswer().setValue(new DateTimeType(start));
        response.addItem().setLinkId("attendance").addAnswer().setValue(attendance);
        if (minutes != null) {
            response.addItem().setLinkId("minutes").addAnswer().setValue(new IntegerType(minutes));
        }
        if (modality != null) {
            response.addItem().setLinkId("modality").addAnswer().setValue(modality);
        }
        if (techniques.length > 0) {
            QuestionnaireResponse.QuestionnaireResponseItemComponent item = response.addItem().setLinkId("techniques");
            for (Coding t : techniques) {
                item.addAnswer().setValue(t);
            }
        }
        return response;
    }

    private static void refused(HttpResponse<String> answer, int status, String words) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(Fhir.parse(OperationOutcome.class, answer.body()).getIssueFirstRep().getDiagnostics()).contains(words);
    }

    private static <T extends org.hl7.fhir.r4.model.Resource> T resource(Parameters out, String name, Class<T> type) {
        return out.getParameter().stream().filter(p -> p.getName().equals(name)).map(p -> type.cast(p.getResource()))
                .findFirst().orElseThrow();
    }

    static Integer number(Encounter e) {
        Extension ext = e.getExtensionByUrl(BASE + "/StructureDefinition/session-number");
        return ext == null ? null : ((PositiveIntType) ext.getValue()).getValue();
    }

    private static int completed(Ehr ehr, String plan) {
        CarePlan read = ehr.record.read().resource(CarePlan.class).withId(plan).execute();
        return ((UnsignedIntType) read.getExtensionByUrl(BASE + "/StructureDefinition/completed-sessions").getValue()).getValue();
    }

    private static CarePlan.CarePlanActivityStatus activityStatus(Ehr ehr, String plan, Coding code) {
        CarePlan read = ehr.record.read().resource(CarePlan.class).withId(plan).execute();
        List<CarePlan.CarePlanActivityStatus> statuses = read.getActivity().stream()
                .filter(a -> a.getDetail().getCode().getCoding().stream().anyMatch(c -> c.getCode().equals(code.getCode())))
                .map(a -> a.getDetail().getStatus()).toList();
        assertThat(statuses).as("the plan has an activity for %s", code.getCode()).isNotEmpty();
        return statuses.get(0);
    }
}
