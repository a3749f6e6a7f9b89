package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.ehr.SmartAuthorizer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rapport acts with the caller's authority, and the sandbox EHR enforces it as a real EHR does
 * (SMART scopes and the patient compartment of each token): whatever Rapport operation a caller
 * uses, it reaches only what the caller's own token reaches.
 */
@ExtendWith(SandboxExtension.class)
class ScopeEnforcementTest {

    private static final String BASE = "https://rapport-ipt.org/fhir";

    @Test
    void aPatientScopedTokenCannotReadOrChangeAnotherPatientThroughAnyOperation(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String mine = ehr.newPatient();
        String other = ehr.newPatient();
        CarePlan otherPlan = EnrollmentTest.enrol(ehr, other);
        String otherResponse = ehr.record.create().resource(Responses.phq9(other, new java.util.Date(), 1, 1, 1, 1, 1,
                1, 1, 1, 0)).execute().getId().getIdPart();
        Map<String, Integer> before = counts(ehr, other, otherPlan);
        String token = authorizer(sandbox).issue(mine, "launch openid patient/*.cruds", Duration.ofMinutes(10))
                .accessToken();

        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("enrol", ehr.operationAs(token, "Patient/" + other + "/$ipt-enroll", new Parameters()));
        answers.put("advance", ehr.operationAs(token, "CarePlan/" + otherPlan.getIdPart() + "/$ipt-advance",
                new Parameters().addParameter("phase", new CodeType("middle"))));
        answers.put("adapt", ehr.operationAs(token, "CarePlan/" + otherPlan.getIdPart() + "/$ipt-adapt",
                new Parameters().addParameter("intervention", new Coding(BASE + "/CodeSystem/integrative-intervention",
                        "countertransference-reflection", null))));
        answers.put("process", ehr.operationAs(token, "QuestionnaireResponse/" + otherResponse + "/$ipt-process",
                new Parameters()));
        answers.put("export", get(sandbox, "/fhir/Patient/" + other + "/$ipt-export", token));
        answers.put("chart", get(sandbox, "/app/api/chart?patient=" + other, token));
        answers.forEach((operation, answer) -> {
            assertThat(answer.statusCode()).as(operation + ": " + answer.body()).isIn(403, 404);
            assertThat(answer.body()).as(operation).doesNotContain("\"resourceType\":\"Patient\"", "\"CarePlan\"");
            HostileInputTest.assertClean(answer.body(), sandbox);
        });
        assertThat(counts(ehr, other, otherPlan)).isEqualTo(before);

        // The same token works for its own patient: the refusals above are the compartment, not the token.
        HttpResponse<String> own = ehr.operationAs(token, "Patient/" + mine + "/$ipt-enroll", new Parameters());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    }

    @Test
    void aReadOnlyScopeCannotEnrol(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String token = authorizer(sandbox).issue(patient, "patient/*.rs", Duration.ofMinutes(10)).accessToken();

        HttpResponse<String> refused = ehr.operationAs(token, "Patient/" + patient + "/$ipt-enroll", new Parameters());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(ehr.count("CarePlan?subject=Patient/" + patient)).isZero();
        assertThat(ehr.count("Task?patient=Patient/" + patient)).isZero();
        // Reading is what the scope allows.
        EnrollmentTest.enrol(ehr, patient);
        assertThat(get(sandbox, "/fhir/Patient/" + patient + "/$ipt-export", token).statusCode()).isEqualTo(200);
    }

    @Test
    void aSystemClientCanExportAndImportAndIsNamedAsTheDevice(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String source = ehr.newPatient();
        EnrollmentTest.enrol(ehr, source);
        SmartAuthorizer.Grant system = authorizer(sandbox).issueToClient("rapport-it-backend", "system/*.cruds",
                Duration.ofMinutes(10));

        HttpResponse<String> exported = get(sandbox, "/fhir/Patient/" + source + "/$ipt-export", system.accessToken());
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);

        // The same course filed for another registered patient (matched by identifier only).
        Patient original = ehr.record.read().resource(Patient.class).withId(source).execute();
        String sourceIdentifier = original.getIdentifierFirstRep().getValue();
        String targetIdentifier = java.util.UUID.randomUUID().toString();
        Patient target = new Patient();
        target.addIdentifier().setSystem(original.getIdentifierFirstRep().getSystem()).setValue(targetIdentifier);
        target.addName(original.getNameFirstRep().copy());
        String targetId = ehr.record.create().resource(target).execute().getId().getIdPart();
        String document = exported.body().replace(sourceIdentifier, targetIdentifier);

        HttpResponse<String> imported = Http.sendAnonymously(HttpRequest.newBuilder(URI.create(sandbox.rapportUrl()
                        + "/fhir/$ipt-import")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + system.accessToken())
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(document))
                .build());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        Parameters result = Fhir.parse(Parameters.class, imported.body());
        assertThat(((org.hl7.fhir.r4.model.Reference) result.getParameterValue("patient")).getReference())
                .isEqualTo("Patient/" + targetId);
        String carePlan = ((org.hl7.fhir.r4.model.Reference) result.getParameterValue("carePlan")).getReference();
        Provenance provenance = ehr.all("Provenance?target=" + carePlan, Provenance.class).get(0);
        assertThat(provenance.getAgent()).anySatisfy(a -> assertThat(a.getWho().getIdentifier().getValue())
                .isEqualTo("rapport-it-backend"));
    }

    @Test
    void rapportsOwnTokenNeverGoesOnARequestMadeForACaller(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        SmartAuthorizer authorizer = authorizer(sandbox);
        String service = authorizer.issueToClient("rapport-service", "system/*.cruds", Duration.ofMinutes(30))
                .accessToken();
        String pid = "health.rapport.fhirserver";
        try {
            sandbox.osgiHost().configure(pid, Map.of("baseUrl", sandbox.fhirBaseUrl(), "auth", "BEARER",
                    ".bearerToken", service));
            // Rapport's own work (content registration) runs with its own token...
            HttpResponse<String> ready = Http.getUntil(sandbox.rapportUrl() + "/health",
                    r -> r.statusCode() == 200 && authorizer.uses(service) > 0, Duration.ofSeconds(60));
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(authorizer.uses(service)).isPositive();
            CarePlan plan = EnrollmentTest.enrol(ehr, patient);
            String response = ehr.record.create().resource(Responses.phq9(patient, new java.util.Date(), 1, 1, 1, 1, 1,
                    1, 1, 1, 0)).execute().getId().getIdPart();
            // The Subscription hands a saved response to Rapport, which processes it with its own token (no caller
            // is there): let that finish before counting, or process it now if no notification came.
            awaitProcessed(ehr, patient, response);
            awaitQuiet(() -> authorizer.uses(service));
            int serviceBefore = authorizer.uses(service);
            String caller = Http.defaultToken();
            int callerBefore = authorizer.uses(caller);

            // ...and everything done for a caller runs with the caller's.
            assertThat(ehr.operation("QuestionnaireResponse/" + response + "/$ipt-process", new Parameters())
                    .statusCode()).isEqualTo(200);
            assertThat(ehr.operation("CarePlan/" + plan.getIdPart() + "/$ipt-advance", new Parameters()
                    .addParameter("phase", new CodeType("middle"))).statusCode()).isIn(200, 422);
            assertThat(Http.get(sandbox.rapportUrl() + "/fhir/Patient/" + patient + "/$ipt-export").statusCode())
                    .isEqualTo(200);
            assertThat(Http.get(sandbox.rapportUrl() + "/app/api/chart?patient=" + patient).statusCode())
                    .isEqualTo(200);

            assertThat(authorizer.uses(caller) - callerBefore).as("FHIR requests with the caller's token")
                    .isGreaterThan(5);
            assertThat(authorizer.uses(service)).as("FHIR requests with Rapport's own token").isEqualTo(serviceBefore);
        } finally {
            sandbox.osgiHost().configure(pid, Map.of("baseUrl", sandbox.fhirBaseUrl()));
            Http.getUntil(sandbox.rapportUrl() + "/health", r -> r.statusCode() == 200, Duration.ofSeconds(60));
        }
    }

    private static SmartAuthorizer authorizer(Sandbox sandbox) {
        return sandbox.fhirServer().ehr().authorizer();
    }

    private static Map<String, Integer> counts(Ehr ehr, String patient, CarePlan plan) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String search : new String[] {"CarePlan?subject=Patient/" + patient, "Task?patient=Patient/" + patient,
            "Observation?subject=Patient/" + patient, "Goal?subject=Patient/" + patient,
            "Provenance?target=CarePlan/" + plan.getIdPart()}) {
            counts.put(search, ehr.count(search));
        }
        counts.put("plan version", Integer.valueOf(ehr.record.read().resource(CarePlan.class).withId(plan.getIdPart())
                .execute().getMeta().getVersionId()));
        return counts;
    }

    private static HttpResponse<String> get(Sandbox sandbox, String path, String token) {
        return Http.send(HttpRequest.newBuilder(URI.create(sandbox.rapportUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/fhir+json").header("Authorization", "Bearer " + token).GET().build());
    }

    private static void awaitProcessed(Ehr ehr, String patient, String response) {
        String totals = "Observation?patient=Patient/" + patient + "&code=http://loinc.org|44261-6";
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ehr.count(totals) == 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (ehr.count(totals) == 0) {
            assertThat(ehr.operation("QuestionnaireResponse/" + response + "/$ipt-process", new Parameters())
                    .statusCode()).isEqualTo(200);
        }
    }

    /** Until Rapport's own work (the notification's processing and its read-back) has stopped for a second. */
    private static void awaitQuiet(java.util.function.IntSupplier uses) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int last = -1;
        while (System.nanoTime() < until) {
            int now = uses.getAsInt();
            if (now == last) {
                return;
            }
            last = now;
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
