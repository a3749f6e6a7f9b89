package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.ehr.SandboxEhr;
import health.rapport.sandbox.ehr.SmartAuthorizer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No Rapport endpoint acts for an anonymous caller, and every one acts with the caller's own
 * authority: the operations are listed from Rapport's own CapabilityStatement, so a new operation
 * is covered without touching this test.
 */
@ExtendWith(SandboxExtension.class)
class AuthorisationTest {

    @Test
    void everyOperationRefusesAnAnonymousCallerAndWritesNothing(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        CarePlan plan = Fhir.parse(CarePlan.class, ehr.operation("Patient/" + patient + "/$ipt-enroll",
                new Parameters()).body());
        int provenance = ehr.count("Provenance?target=CarePlan/" + plan.getIdPart());

        List<String> refused = new ArrayList<>();
        for (String url : operationUrls(sandbox, patient, plan.getIdPart())) {
            for (String method : new String[] {"GET", "POST"}) {
                HttpResponse<String> answer = Http.sendAnonymously(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/fhir+json")
                        .header("Accept", "application/fhir+json")
                        .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\"}")).build());
                assertThat(answer.statusCode()).as(method + " " + url).isEqualTo(401);
                assertThat(answer.headers().firstValue("WWW-Authenticate")).as(url)
                        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
                assertThat(Fhir.parse(OperationOutcome.class, answer.body()).getIssueFirstRep().getSeverity())
                        .isEqualTo(OperationOutcome.IssueSeverity.ERROR);
                refused.add(method + " " + url);
            }
        }
        for (String path : new String[] {"/fhir/Patient/" + patient, "/fhir/CarePlan?subject=" + patient, "/fhir",
            "/app/api/chart?patient=" + patient, "/app/api/forms/phq-9?patient=" + patient}) {
            HttpResponse<String> answer = Http.getAnonymously(sandbox.rapportUrl() + path);
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertThat(answer.body()).as(path).contains("OperationOutcome");
        }
        assertThat(refused).hasSizeGreaterThanOrEqualTo(2 * 8);
        assertThat(ehr.count("CarePlan?subject=Patient/" + patient)).isEqualTo(1);
        assertThat(ehr.count("Provenance?target=CarePlan/" + plan.getIdPart())).isEqualTo(provenance);
        // The CapabilityStatement and its OperationDefinitions stay public.
        assertThat(Http.getAnonymously(sandbox.rapportUrl() + "/fhir/metadata").statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenTheEhrDoesNotVouchForIsRefused(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        SmartAuthorizer authorizer = sandbox.fhirServer().ehr().authorizer();
        String expired = authorizer.issue(patient, "patient/*.cruds", Duration.ofSeconds(-1)).accessToken();
        for (String token : new String[] {"made-up", expired}) {
            HttpResponse<String> answer = ehr.operationAs(token, "Patient/" + patient + "/$ipt-enroll", new Parameters());
            assertThat(answer.statusCode()).as(token).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    v -> assertThat(v).contains("invalid_token"));
        }
        assertThat(ehr.count("CarePlan?subject=Patient/" + patient)).isZero();
    }

    @Test
    void provenanceNamesTheCallerItsPractitionerOrElseItsClient(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String clinicianPatient = ehr.newPatient();
        CarePlan byClinician = Fhir.parse(CarePlan.class, ehr.operation("Patient/" + clinicianPatient + "/$ipt-enroll",
                new Parameters()).body());
        assertThat(author(ehr, byClinician)).isEqualTo(SandboxEhr.PRACTITIONER);

        // A token with no user behind it (a system, or an app without fhirUser): the client is the author.
        String systemPatient = ehr.newPatient();
        String token = sandbox.fhirServer().ehr().authorizer().issue(systemPatient, "patient/*.cruds",
                Duration.ofMinutes(5)).accessToken();
        HttpResponse<String> enrolled = ehr.operationAs(token, "Patient/" + systemPatient + "/$ipt-enroll", new Parameters());
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
        CarePlan bySystem = Fhir.parse(CarePlan.class, enrolled.body());
        Provenance provenance = ehr.all("Provenance?target=CarePlan/" + bySystem.getIdPart(), Provenance.class).get(0);
        assertThat(provenance.getAgent()).anySatisfy(agent -> {
            assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("author");
            assertThat(agent.getWho().getType()).isEqualTo("Device");
            assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo(SmartAuthorizer.EHR_CLIENT_ID);
        });
        assertThat(Fhir.errors(provenance)).isEmpty();
    }

    private static String author(Ehr ehr, CarePlan plan) {
        Provenance provenance = ehr.all("Provenance?target=CarePlan/" + plan.getIdPart(), Provenance.class).get(0);
        return provenance.getAgent().stream().filter(a -> "author".equals(a.getType().getCodingFirstRep().getCode()))
                .map(a -> a.getWho().getReference()).findFirst().orElse(null);
    }

    /**
     * One URL per operation and level Rapport's CapabilityStatement declares, on real ids (the
     * patient and plan given) so a refusal is not a mere "not found".
     */
    static List<String> operationUrls(Sandbox sandbox, String patient, String plan) {
        String base = sandbox.rapportUrl() + "/fhir";
        CapabilityStatement statement = Fhir.parse(CapabilityStatement.class, Http.getAnonymously(base + "/metadata").body());
        List<String> urls = new ArrayList<>();
        List<CapabilityStatement.CapabilityStatementRestResourceOperationComponent> operations = new ArrayList<>(
                statement.getRestFirstRep().getOperation());
        statement.getRestFirstRep().getResource().forEach(r -> operations.addAll(r.getOperation()));
        for (CapabilityStatement.CapabilityStatementRestResourceOperationComponent operation : operations) {
            String definition = operation.getDefinition();
            OperationDefinition od = Fhir.parse(OperationDefinition.class, Http.getAnonymously(
                    base + "/" + definition.substring(definition.indexOf("OperationDefinition/"))).body());
            for (org.hl7.fhir.r4.model.CodeType type : od.getResource()) {
                String id = "Patient".equals(type.getValue()) ? patient : "CarePlan".equals(type.getValue()) ? plan : "x1";
                if (od.getType()) {
                    urls.add(base + "/" + type.getValue() + "/$" + od.getCode());
                }
                if (od.getInstance()) {
                    urls.add(base + "/" + type.getValue() + "/" + id + "/$" + od.getCode());
                }
            }
            if (od.getSystem()) {
                urls.add(base + "/$" + od.getCode());
            }
        }
        return urls;
    }
}
