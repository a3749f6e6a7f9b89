package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.fhir.FhirServer;
import health.rapport.sandbox.fhir.FhirServerSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * $ipt-export and $ipt-import between two real FHIR servers: the sandbox's HAPI JPA (A) and a
 * second HAPI JPA started here (B). The one OSGi host is pointed at B for the B half of each
 * test (Config Admin, as in production) and back at A in {@code finally}.
 */
@ExtendWith(SandboxExtension.class)
class ExchangeTest {

    private static final String PID = "health.rapport.fhirserver";
    private static final String BASE = "https://rapport-ipt.org/fhir";
    private static FhirServer serverB;

    @BeforeAll
    static void startSecondServer() {
        serverB = FhirServer.start(FhirServerSettings.inMemory().withRandomPort().withConfigureLogging(false));
    }

    @AfterAll
    static void stopSecondServer() {
        if (serverB != null) {
            serverB.close();
        }
    }

    @Test
    void aCourseRoundTripsFromAToBAndBackOutUnchanged(Sandbox sandbox) throws Exception {
        Ehr a = new Ehr(sandbox);
        String patientA = a.newPatient();
        buildCourse(a, patientA);

        HttpResponse<String> fromA = export(sandbox, patientA);
        assertThat(fromA.statusCode()).as(fromA.body()).isEqualTo(200);
        Bundle documentA = Fhir.parse(Bundle.class, fromA.body());
        assertDocument(documentA);
        Files.writeString(Path.of("target", "exchange-example-document.json"), fromA.body());

        IGenericClient b = Fhir.client(serverB.baseUrl());
        Patient original = a.record.read().resource(Patient.class).withId(patientA).execute();
        String patientB = b.create().resource(samePerson(original)).execute().getId().getIdPart();

        String fromB = onServerB(sandbox, () -> {
            HttpResponse<String> imported = importDocument(sandbox, fromA.body());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            Parameters result = Fhir.parse(Parameters.class, imported.body());
            assertThat(result.getParameterValue("outcome").primitiveValue()).isEqualTo("imported");
            assertThat(((org.hl7.fhir.r4.model.Reference) result.getParameterValue("patient")).getReference())
                    .isEqualTo("Patient/" + patientB);
            int resources = countAll(b, patientB);
            String carePlan = ((org.hl7.fhir.r4.model.Reference) result.getParameterValue("carePlan")).getReference();
            List<org.hl7.fhir.r4.model.Provenance> provenance = b.search().byUrl("Provenance?target=" + carePlan)
                    .returnBundle(Bundle.class).execute().getEntry().stream()
                    .map(e -> (org.hl7.fhir.r4.model.Provenance) e.getResource()).toList();
            assertThat(provenance).singleElement().satisfies(p -> assertThat(p.getEntityFirstRep().getWhat()
                    .getIdentifier().getSystem()).isEqualTo(sandbox.fhirBaseUrl()));
            int provenanceCount = provenance.size();

            HttpResponse<String> again = importDocument(sandbox, fromA.body());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            Parameters second = Fhir.parse(Parameters.class, again.body());
            assertThat(second.getParameterValue("outcome").primitiveValue()).isEqualTo("already-imported");
            assertThat(second.getParameterValue("created").primitiveValue()).isEqualTo("0");
            assertThat(countAll(b, patientB)).isEqualTo(resources);
            assertThat(b.search().byUrl("Provenance?target=" + carePlan + "&_summary=count").returnBundle(Bundle.class)
                    .execute().getTotal()).isEqualTo(provenanceCount);

            HttpResponse<String> exported = export(sandbox, patientB);
            assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
            return exported.body();
        });

        Bundle documentB = Fhir.parse(Bundle.class, fromB);
        assertDocument(documentB);
        JsonNode left = ExchangeDocuments.normalise(fromA.body());
        JsonNode right = ExchangeDocuments.normalise(fromB);
        assertThat(left).as(() -> "first difference: " + ExchangeDocuments.firstDifference(left, right, "Bundle"))
                .isEqualTo(right);
    }

    @Test
    void documentsWithProcessNotesBrokenProfilesOrUnknownPatientsAreRefusedAndWriteNothing(Sandbox sandbox) {
        Ehr a = new Ehr(sandbox);
        String patientA = a.newPatient();
        buildCourse(a, patientA);
        HttpResponse<String> fromA = export(sandbox, patientA);
        assertThat(fromA.statusCode()).as(fromA.body()).isEqualTo(200);

        Bundle broken = Fhir.parse(Bundle.class, fromA.body());
        Goal goal = (Goal) resourceOf(broken, "Goal");
        goal.getMeta().addSecurity(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "PSYTHPN", null));
        CarePlan plan = (CarePlan) resourceOf(broken, "CarePlan");
        plan.getMeta().getProfile().clear();
        plan.getExtension().removeIf(e -> e.getUrl().endsWith("/ipt-phase"));
        Patient stranger = (Patient) resourceOf(broken, "Patient");
        stranger.getIdentifier().clear();
        stranger.addIdentifier().setSystem("urn:example:mrn").setValue("nobody-" + Instant.now().toEpochMilli());

        IGenericClient b = Fhir.client(serverB.baseUrl());
        int before = b.search().byUrl("CarePlan?_summary=count").returnBundle(Bundle.class).execute().getTotal()
                + b.search().byUrl("Goal?_summary=count").returnBundle(Bundle.class).execute().getTotal();
        onServerB(sandbox, () -> {
            HttpResponse<String> refused = importDocument(sandbox, Fhir.CONTEXT.newJsonParser().encodeResourceToString(broken));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            List<String> issues = Fhir.parse(OperationOutcome.class, refused.body()).getIssue().stream()
                    .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics).toList();
            assertThat(issues).anyMatch(i -> i.contains("PSYTHPN"))
                    .anyMatch(i -> i.contains("ipt-careplan-shareable"))
                    .anyMatch(i -> i.contains("IPT phase"))
                    .anyMatch(i -> i.contains("No patient on this server"));

            HttpResponse<String> notADocument = importDocument(sandbox,
                    Fhir.CONTEXT.newJsonParser().encodeResourceToString(new Patient()));
            assertThat(notADocument.statusCode()).isEqualTo(400);
            return null;
        });
        int after = b.search().byUrl("CarePlan?_summary=count").returnBundle(Bundle.class).execute().getTotal()
                + b.search().byUrl("Goal?_summary=count").returnBundle(Bundle.class).execute().getTotal();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aDocumentOlderThanTheLocalOpenCourseIsRefused(Sandbox sandbox) {
        Ehr a = new Ehr(sandbox);
        String patientA = a.newPatient();
        buildCourse(a, patientA);
        HttpResponse<String> fromA = export(sandbox, patientA);
        assertThat(fromA.statusCode()).as(fromA.body()).isEqualTo(200);
        IGenericClient b = Fhir.client(serverB.baseUrl());
        Patient original = a.record.read().resource(Patient.class).withId(patientA).execute();
        String patientB = b.create().resource(samePerson(original)).execute().getId().getIdPart();

        onServerB(sandbox, () -> {
            // Enrolled here after A's plan last changed: the local plan is newer.
            HttpResponse<String> enrolled = new Ehr(sandbox).operation("Patient/" + patientB + "/$ipt-enroll",
                    new Parameters());
            assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
            int plans = b.search().byUrl("CarePlan?subject=Patient/" + patientB + "&_summary=count")
                    .returnBundle(Bundle.class).execute().getTotal();

            HttpResponse<String> refused = importDocument(sandbox, fromA.body());
            EnrollmentTest.assertRefused(refused, 409, "newer local plan");
            assertThat(b.search().byUrl("CarePlan?subject=Patient/" + patientB + "&_summary=count")
                    .returnBundle(Bundle.class).execute().getTotal()).isEqualTo(plans);
            return null;
        });
    }

    /** A course through Rapport's operations: enrolment, Inventory, two PHQ-9s, a process-note intervention, a relapse plan. */
    private static void buildCourse(Ehr ehr, String patient) {
        CarePlan plan = EnrollmentTest.enrol(ehr, patient);
        process(ehr, store(ehr, Responses.inventory(patient)));
        Instant start = Instant.now();
        process(ehr, store(ehr, Responses.phq9(patient, Date.from(start), 2, 3, 2, 2, 1, 2, 2, 1, 0)));
        process(ehr, store(ehr, Responses.phq9(patient, Date.from(start.plus(1, ChronoUnit.MINUTES)),
                1, 1, 1, 1, 1, 1, 1, 1, 0)));
        HttpResponse<String> adapted = ehr.operation("CarePlan/" + plan.getIdPart() + "/$ipt-adapt", new Parameters()
                .addParameter("intervention", new Coding(BASE + "/CodeSystem/integrative-intervention",
                        "countertransference-reflection", null)));
        assertThat(adapted.statusCode()).as(adapted.body()).isEqualTo(200);
        store(ehr, Responses.relapsePlan(patient));
    }

    private static void assertDocument(Bundle document) {
        String json = Fhir.CONTEXT.newJsonParser().encodeResourceToString(document);
        assertThat(json).doesNotContain("PSYTHPN").doesNotContain("countertransference-reflection");
        assertThat(document.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
        assertThat(document.getEntryFirstRep().getResource()).isInstanceOf(Composition.class);
        assertThat(document.getMeta().getSecurity()).extracting(Coding::getCode).contains("R", "MH");
        assertThat(document.getEntry()).extracting(e -> e.getResource().fhirType())
                .contains("Patient", "CarePlan", "Condition", "Goal", "Observation", "QuestionnaireResponse");
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getSection()).extracting(Composition.SectionComponent::getTitle)
                .contains("IPT course", "Problem area", "Goals", "Interventions", "Measures", "Relapse-prevention plan",
                        "Definitions used");
        assertThat(composition.getSectionFirstRep().getText().getDivAsString()).doesNotContain("<script");
        for (Bundle.BundleEntryComponent entry : document.getEntry()) {
            assertThat(Fhir.errors(entry.getResource())).as(entry.getFullUrl()).isEmpty();
        }
        assertThat(Fhir.errors(document)).as("the document").isEmpty();
    }

    private static Patient samePerson(Patient original) {
        Patient copy = new Patient();
        original.getIdentifier().forEach(i -> copy.addIdentifier(i.copy()));
        original.getName().forEach(n -> copy.addName(n.copy()));
        copy.setGender(original.getGender());
        copy.setBirthDateElement(original.getBirthDateElement().copy());
        return copy;
    }

    private static int countAll(IGenericClient client, String patient) {
        int total = 0;
        for (String type : List.of("CarePlan?subject=", "Goal?subject=", "Condition?subject=", "Observation?subject=",
                "QuestionnaireResponse?subject=")) {
            total += client.search().byUrl(type + "Patient/" + patient + "&_summary=count").returnBundle(Bundle.class)
                    .execute().getTotal();
        }
        return total;
    }

    private static Resource resourceOf(Bundle bundle, String type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r.fhirType().equals(type)).findFirst().orElseThrow();
    }

    /** Runs {@code work} with Rapport configured for server B, and always restores A. */
    private static <T> T onServerB(Sandbox sandbox, Supplier<T> work) {
        Supplier<String> tokensOfA = Http.defaultTokens();
        try {
            // On B, callers bring tokens from B's authorisation server: A's mean nothing there.
            Http.defaultCaller(sandbox.rapportUrl(), () -> serverB.ehr().clinicianToken());
            sandbox.osgiHost().configure(PID, Map.of("baseUrl", serverB.baseUrl()));
            awaitHealthyOn(sandbox, serverB.baseUrl());
            return work.get();
        } finally {
            Http.defaultCaller(sandbox.rapportUrl(), tokensOfA);
            sandbox.osgiHost().configure(PID, Map.of("baseUrl", sandbox.fhirBaseUrl()));
            awaitHealthyOn(sandbox, sandbox.fhirBaseUrl());
        }
    }

    private static void awaitHealthyOn(Sandbox sandbox, String baseUrl) {
        HttpResponse<String> health = Http.getUntil(sandbox.rapportUrl() + "/health",
                r -> r.statusCode() == 200 && baseUrl.equals(Json.parse(r.body()).path("fhirServer").path("baseUrl").asText()),
                Duration.ofSeconds(90));
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    }

    private static HttpResponse<String> export(Sandbox sandbox, String patient) {
        return Http.get(sandbox.rapportUrl() + "/fhir/Patient/" + patient + "/$ipt-export");
    }

    private static HttpResponse<String> importDocument(Sandbox sandbox, String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(sandbox.rapportUrl() + "/fhir/$ipt-import"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String store(Ehr ehr, QuestionnaireResponse response) {
        return ehr.record.create().resource(response).execute().getId().getIdPart();
    }

    private static void process(Ehr ehr, String response) {
        HttpResponse<String> answer = ehr.operation("QuestionnaireResponse/" + response + "/$ipt-process", new Parameters());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
