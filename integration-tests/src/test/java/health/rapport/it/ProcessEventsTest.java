package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ruptures, repairs and process notes through the real host: recorded with Rapport's Encounter operations
 * on the sandbox's HAPI JPA server, read back in the panel's chart view, and absent from the export, the
 * CDS cards and Rapport's log.
 */
@ExtendWith(SandboxExtension.class)
class ProcessEventsTest {

    static final String BASE = "https://rapport-ipt.org/fhir";
    static final String PROCESS_EVENTS = "Observation?code=" + BASE + "/CodeSystem/process-event|alliance-rupture";
    static final String PROCESS_NOTES = "DocumentReference?type=" + BASE + "/CodeSystem/process-event|process-note";

    @Test
    void aRuptureItsRepairAndANoteAreReadInThePanelAndGoNowhereElse(Sandbox sandbox) {
        String secret = "reminds me of her sister " + UUID.randomUUID();
        neverLogged(secret, () -> recordReadAndLookEverywhereElse(sandbox, secret));
    }

    /** Runs {@code action} and checks {@code secret} never reached the host's log (Rapport's, the HTTP layer's, HAPI's). */
    private static void neverLogged(String secret, Runnable action) {
        ListAppender<ILoggingEvent> log = Logs.capture();
        try {
            action.run();
        } finally {
            Logs.release(log);
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m != null && m.contains(secret));
    }

    private static void recordReadAndLookEverywhereElse(Sandbox sandbox, String secret) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        String session = session(ehr, patient, Encounter.EncounterStatus.FINISHED);
        HttpResponse<String> recorded = ehr.operation("Encounter/" + session + "/$ipt-record-rupture",
                rupture("withdrawal", "partly-resolved", "explore-rupture-experience", "acknowledge-own-contribution")
                        .addParameter("note", new StringType("Rupture note: " + secret)));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
        Observation rupture = Fhir.parse(Observation.class, recorded.body());

        HttpResponse<String> written = ehr.operation("Encounter/" + session + "/$ipt-record-process-note",
                new Parameters().addParameter("text", new StringType("Session note: " + secret)));
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        DocumentReference note = Fhir.parse(DocumentReference.class, written.body());

        // As stored: labelled, on the session, valid against Rapport's profiles, each with its Provenance.
        Observation stored = ehr.record.read().resource(Observation.class).withId(rupture.getIdElement().getIdPart()).execute();
        DocumentReference storedNote = ehr.record.read().resource(DocumentReference.class)
                .withId(note.getIdElement().getIdPart()).execute();
        for (var resource : List.of(stored, storedNote)) {
            assertThat(resource.getMeta().getSecurity()).extracting(Coding::getCode).contains("PSYTHPN", "R", "MH");
            assertThat(Fhir.errors(resource)).as(resource.fhirType()).isEmpty();
            List<Provenance> provenance = ehr.all("Provenance?target=" + resource.fhirType() + "/"
                    + resource.getIdElement().getIdPart(), Provenance.class);
            assertThat(provenance).singleElement().satisfies(p -> assertThat(p.getAgent())
                    .anyMatch(a -> a.getType().getCodingFirstRep().getCode().equals("author")));
        }
        assertThat(stored.getEncounter().getReference()).isEqualTo("Encounter/" + session);
        assertThat(stored.getComponent()).hasSize(4);
        assertThat(storedNote.getContext().getEncounterFirstRep().getReference()).isEqualTo("Encounter/" + session);

        // The panel's chart view: in its private part, with the session to record the next one on.
        HttpResponse<String> chart = Http.get(sandbox.rapportUrl() + "/app/api/chart?patient=" + patient);
        assertThat(chart.statusCode()).as(chart.body()).isEqualTo(200);
        JsonNode process = Json.parse(chart.body()).path("process");
        JsonNode ruptureView = process.path("ruptures").path(0);
        assertThat(ruptureView.path("marker").asText()).isEqualTo("Withdrawal");
        assertThat(ruptureView.path("resolution").asText()).isEqualTo("Partly resolved");
        assertThat(ruptureView.path("strategies").toString()).contains("Explore the rupture experience",
                "Acknowledge own contribution (metacommunication)");
        assertThat(ruptureView.path("encounter").asText()).isEqualTo(session);
        assertThat(process.path("notes").path(0).path("text").asText()).isEqualTo("Session note: " + secret);
        assertThat(process.path("sessions").path(0).path("id").asText()).isEqualTo(session);
        JsonNode outsidePrivateArea = Json.parse(chart.body()).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) outsidePrivateArea).remove("process");
        assertThat(outsidePrivateArea.toString()).doesNotContain(secret).doesNotContain("Partly resolved")
                .doesNotContain("Explore the rupture experience");

        // Never exported.
        HttpResponse<String> export = ehr.get("Patient/" + patient + "/$ipt-export");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).doesNotContain(secret).doesNotContain("PSYTHPN").doesNotContain("process-event")
                .doesNotContain("alliance-rupture").doesNotContain("Encounter/" + session)
                .doesNotContain(stored.getIdElement().getIdPart() + "\"").doesNotContain("DocumentReference");

        // Never in a card.
        try (CdsCalls cds = new CdsCalls(sandbox)) {
            String cards = cds.patientView(patient).toString();
            // The alliance warning may speak of ruptures in general; nothing recorded here may show.
            assertThat(cards).doesNotContain(secret).doesNotContainIgnoringCase("process note")
                    .doesNotContain("Partly resolved").doesNotContain("Explore the rupture experience")
                    .doesNotContain("Acknowledge own contribution").doesNotContain("Encounter/" + session);
        }
    }

    @Test
    void badInputIsAClearRefusalAndWritesNothing(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String session = session(ehr, patient, Encounter.EncounterStatus.FINISHED);
        String cancelled = session(ehr, patient, Encounter.EncounterStatus.CANCELLED);
        String rupturePath = "Encounter/" + session + "/$ipt-record-rupture";

        EnrollmentTest.assertRefused(ehr.operation(rupturePath, rupture("sulking", "resolved")), 400, "marker must be one of");
        EnrollmentTest.assertRefused(ehr.operation(rupturePath, rupture("withdrawal", "resolved", "hypnosis")), 400,
                "strategy must be one of");
        EnrollmentTest.assertRefused(ehr.operation(rupturePath, new Parameters().addParameter("marker",
                new Coding(BASE + "/CodeSystem/rupture-marker", "withdrawal", null))), 400, "requires 'resolution'");
        EnrollmentTest.assertRefused(ehr.operation(rupturePath, rupture("withdrawal", "resolved")
                .addParameter("severity", new StringType("high"))), 400, "no parameter 'severity'");
        EnrollmentTest.assertRefused(ehr.operation("Encounter/" + cancelled + "/$ipt-record-rupture",
                rupture("confrontation", "unresolved")), 422, "cancelled");
        EnrollmentTest.assertRefused(ehr.operation("Encounter/no-such-session/$ipt-record-rupture",
                rupture("confrontation", "unresolved")), 404, "Encounter/no-such-session");
        EnrollmentTest.assertRefused(ehr.operation("Encounter/" + session + "/$ipt-record-process-note",
                new Parameters().addParameter("text", new StringType("   "))), 400, "text is required");
        EnrollmentTest.assertRefused(ehr.operation("Encounter/" + session + "/$ipt-record-process-note",
                new Parameters()), 400, "requires 'text'");

        assertThat(ehr.count(PROCESS_EVENTS + "&subject=Patient/" + patient)).isZero();
        assertThat(ehr.count(PROCESS_NOTES + "&subject=Patient/" + patient)).isZero();
        assertThat(ehr.count("Provenance?target=Encounter/" + session)).isZero();
    }

    @Test
    void aRetriedRequestRecordsOnce(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String session = session(ehr, patient, Encounter.EncounterStatus.FINISHED);
        String requestId = UUID.randomUUID().toString();
        Parameters sent = rupture("confrontation", "resolved", "explore-rupture-experience")
                .addParameter("requestId", new StringType(requestId));

        HttpResponse<String> first = ehr.operation("Encounter/" + session + "/$ipt-record-rupture", sent);
        HttpResponse<String> retry = ehr.operation("Encounter/" + session + "/$ipt-record-rupture", sent);
        HttpResponse<String> note = ehr.operation("Encounter/" + session + "/$ipt-record-process-note", new Parameters()
                .addParameter("text", new StringType("Retried note")).addParameter("requestId", new StringType(requestId)));
        HttpResponse<String> noteAgain = ehr.operation("Encounter/" + session + "/$ipt-record-process-note", new Parameters()
                .addParameter("text", new StringType("Retried note")).addParameter("requestId", new StringType(requestId)));

        for (HttpResponse<String> answer : List.of(first, retry, note, noteAgain)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        assertThat(Fhir.parse(Observation.class, retry.body()).getIdPart())
                .isEqualTo(Fhir.parse(Observation.class, first.body()).getIdPart());
        assertThat(ehr.count(PROCESS_EVENTS + "&subject=Patient/" + patient)).isEqualTo(1);
        assertThat(ehr.count(PROCESS_NOTES + "&subject=Patient/" + patient)).isEqualTo(1);
        assertThat(ehr.count("Provenance?target=Observation/" + Fhir.parse(Observation.class, first.body()).getIdPart()))
                .isEqualTo(1);
        EnrollmentTest.assertRefused(ehr.operation("Encounter/" + session + "/$ipt-record-process-note", new Parameters()
                .addParameter("text", new StringType("x")).addParameter("requestId", new StringType("no spaces please"))),
                400, "requestId");
    }

    @Test
    void aRuptureAndANoteAreCorrectedOrWithdrawnAndStayPrivate(Sandbox sandbox) {
        String secret = "corrected wording " + UUID.randomUUID();
        neverLogged(secret, () -> correctAndWithdraw(sandbox, secret));
    }

    private static void correctAndWithdraw(Sandbox sandbox, String secret) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        String session = session(ehr, patient, Encounter.EncounterStatus.FINISHED);
        String rupture = Fhir.parse(Observation.class, ok(ehr.operation("Encounter/" + session + "/$ipt-record-rupture",
                rupture("withdrawal", "unresolved")))).getIdElement().getIdPart();
        String note = Fhir.parse(DocumentReference.class, ok(ehr.operation("Encounter/" + session
                + "/$ipt-record-process-note", new Parameters().addParameter("text", new StringType("first draft")))))
                .getIdElement().getIdPart();

        // Corrected: the same resources, a new version each, amended, still PSYTHPN, valid, with a Provenance.
        Observation amended = Fhir.parse(Observation.class, ok(ehr.operation("Observation/" + rupture + "/$ipt-amend-rupture",
                rupture("confrontation", "resolved", "clarify-misunderstanding").addParameter("note",
                        new StringType(secret)), "W/\"1\"")));
        assertThat(amended.getIdElement().getIdPart()).isEqualTo(rupture);
        assertThat(amended.getStatus()).isEqualTo(Observation.ObservationStatus.AMENDED);
        assertThat(amended.getMeta().getVersionId()).isEqualTo("2");
        DocumentReference amendedNote = Fhir.parse(DocumentReference.class, ok(ehr.operation("DocumentReference/" + note
                + "/$ipt-amend-process-note", new Parameters().addParameter("text", new StringType(secret)))));
        assertThat(amendedNote.getDocStatus()).isEqualTo(DocumentReference.ReferredDocumentStatus.AMENDED);
        for (var resource : List.of(ehr.record.read().resource(Observation.class).withId(rupture).execute(),
                ehr.record.read().resource(DocumentReference.class).withId(note).execute())) {
            assertThat(resource.getMeta().getSecurity()).extracting(Coding::getCode).contains("PSYTHPN", "R", "MH");
            assertThat(Fhir.errors(resource)).as(resource.fhirType()).isEmpty();
            assertThat(ehr.count("Provenance?target=" + resource.fhirType() + "/" + resource.getIdElement().getIdPart()))
                    .as("recorded, then corrected").isEqualTo(2);
        }
        JsonNode process = Json.parse(Http.get(sandbox.rapportUrl() + "/app/api/chart?patient=" + patient).body()).path("process");
        assertThat(process.path("ruptures").path(0).path("marker").asText()).isEqualTo("Confrontation");
        assertThat(process.path("ruptures").path(0).path("amended").asBoolean()).isTrue();
        assertThat(process.path("ruptures").path(0).path("codes").path("strategies").toString()).contains("clarify-misunderstanding");
        assertThat(process.path("notes").path(0).path("text").asText()).isEqualTo(secret);

        // A correction on a version no longer current is a 409; so is one of what is not a process event.
        EnrollmentTest.assertRefused(ehr.operation("Observation/" + rupture + "/$ipt-amend-rupture",
                rupture("withdrawal", "resolved"), "W/\"1\""), 409, "has changed since version 1");
        EnrollmentTest.assertRefused(ehr.operation("Observation/" + rupture + "/$ipt-amend-rupture",
                rupture("sulking", "resolved")), 400, "marker must be one of");
        EnrollmentTest.assertRefused(ehr.operation("DocumentReference/" + note + "/$ipt-amend-process-note",
                new Parameters().addParameter("text", new StringType(" "))), 400, "text is required");
        EnrollmentTest.assertRefused(ehr.operation("Observation/no-such-one/$ipt-withdraw-process-event", new Parameters()),
                404, "does not exist");
        Observation weight = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        weight.getCode().addCoding(new Coding("http://loinc.org", "29463-7", "Body weight"));
        weight.setSubject(new Reference("Patient/" + patient));
        String other = ehr.record.create().resource(weight).execute().getId().getIdPart();
        EnrollmentTest.assertRefused(ehr.operation("Observation/" + other + "/$ipt-withdraw-process-event", new Parameters()),
                422, "not a rupture or process note");
        assertThat(ehr.record.read().resource(Observation.class).withId(rupture).execute().getMeta().getVersionId())
                .as("refusals write nothing").isEqualTo("2");

        // Withdrawn as recorded in error: entered-in-error, kept and labelled, gone from the panel, never exported.
        ok(ehr.operation("Observation/" + rupture + "/$ipt-withdraw-process-event", new Parameters()));
        ok(ehr.operation("DocumentReference/" + note + "/$ipt-withdraw-process-event", new Parameters(), "W/\"2\""));
        Observation withdrawn = ehr.record.read().resource(Observation.class).withId(rupture).execute();
        assertThat(withdrawn.getStatus()).isEqualTo(Observation.ObservationStatus.ENTEREDINERROR);
        assertThat(withdrawn.getMeta().getSecurity()).extracting(Coding::getCode).contains("PSYTHPN");
        assertThat(Fhir.errors(withdrawn)).isEmpty();
        assertThat(ehr.record.read().resource(DocumentReference.class).withId(note).execute().getStatus())
                .isEqualTo(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.ENTEREDINERROR);
        process = Json.parse(Http.get(sandbox.rapportUrl() + "/app/api/chart?patient=" + patient).body()).path("process");
        assertThat(process.path("ruptures").size()).isZero();
        assertThat(process.path("notes").size()).isZero();
        EnrollmentTest.assertRefused(ehr.operation("DocumentReference/" + note + "/$ipt-amend-process-note",
                new Parameters().addParameter("text", new StringType("again"))), 422, "was withdrawn");
        HttpResponse<String> export = ehr.get("Patient/" + patient + "/$ipt-export");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).doesNotContain(secret).doesNotContain("PSYTHPN").doesNotContain("DocumentReference");
        try (CdsCalls cds = new CdsCalls(sandbox)) {
            assertThat(cds.patientView(patient).toString()).doesNotContain(secret).doesNotContain("Confrontation");
        }
    }

    private static String ok(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void noCallerNoRecord(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String session = session(ehr, patient, Encounter.EncounterStatus.FINISHED);
        HttpResponse<String> anonymous = ehr.operationAs(null, "Encounter/" + session + "/$ipt-record-process-note",
                new Parameters().addParameter("text", new StringType("anonymous")));
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(ehr.count(PROCESS_NOTES + "&subject=Patient/" + patient)).isZero();
    }

    /** A plain session Encounter of the patient, as the EHR (or Rapport's session record) keeps it. */
    static String session(Ehr ehr, String patient, Encounter.EncounterStatus status) {
        Encounter encounter = new Encounter().setStatus(status)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"))
                .setSubject(new Reference("Patient/" + patient));
        encounter.getPeriod().setStart(new Date());
        return ehr.record.create().resource(encounter).execute().getId().getIdPart();
    }

    static Parameters rupture(String marker, String resolution, String... strategies) {
        Parameters parameters = new Parameters()
                .addParameter("marker", new Coding(BASE + "/CodeSystem/rupture-marker", marker, null))
                .addParameter("resolution", new Coding(BASE + "/CodeSystem/rupture-resolution", resolution, null));
        for (String strategy : strategies) {
            parameters.addParameter("strategy", new Coding(BASE + "/CodeSystem/repair-strategy", strategy, null));
        }
        return parameters;
    }
}
