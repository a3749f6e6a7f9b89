package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.rapport.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupPopulationComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code Measure/[id]/$evaluate-measure} through the real host and FHIR server: every shipped Measure on the
 * hand-checked cohort (the plugin's {@code outcome-cohort}, counts worked out by hand in its
 * {@code expected-counts.json}), the clinician's own subject list, the refusals, and a dropout recorded with
 * {@code $ipt-advance} to {@code ended}.
 */
@ExtendWith(SandboxExtension.class)
class OutcomeMeasuresTest {

    private static final String BASE = "https://rapport-ipt.org/fhir";
    private static final String PERIOD = "periodStart=2026-01-01&periodEnd=2026-03-31";
    private static JsonNode expected;
    private static String clinicianA;

    @BeforeAll
    static void seed(Sandbox sandbox) throws IOException {
        expected = seedCohort(sandbox);
        clinicianA = token(sandbox, "Practitioner/pr-a");
    }

    /** Writes the hand-checked cohort to the FHIR server (again: its PUTs change nothing) and returns its expected counts. */
    static JsonNode seedCohort(Sandbox sandbox) throws IOException {
        Bundle cohort = Fhir.CONTEXT.newJsonParser().parseResource(Bundle.class, resource("Bundle-outcome-cohort.json"));
        Bundle answer = new Ehr(sandbox).record.transaction().withBundle(cohort).execute();
        assertThat(answer.getEntry()).hasSize(cohort.getEntry().size());
        try (InputStream in = resource("expected-counts.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyMeasureCountsTheHandCheckedCohort(Sandbox sandbox) {
        JsonNode measures = expected.path("measures");
        for (var it = measures.fields(); it.hasNext(); ) {
            var measure = it.next();
            HttpResponse<String> answer = evaluate(sandbox, clinicianA, measure.getKey(), PERIOD + "&subject=Group/oc-cohort");
            assertThat(answer.statusCode()).as("%s: %s", measure.getKey(), answer.body()).isEqualTo(200);
            MeasureReport report = Fhir.parse(MeasureReport.class, answer.body());
            assertThat(Fhir.errors(report)).as(measure.getKey()).isEmpty();
            assertThat(report.getMeasure()).isEqualTo(BASE + "/Measure/" + measure.getKey() + "|0.1.0");
            JsonNode counts = measure.getValue();
            MeasureReport.MeasureReportGroupComponent group = report.getGroupFirstRep();
            for (MeasureReportGroupPopulationComponent population : group.getPopulation()) {
                String code = population.getCode().getCodingFirstRep().getCode();
                assertThat(population.getCount()).as("%s %s", measure.getKey(), code).isEqualTo(counts.path(code).asInt());
            }
            assertThat(group.getMeasureScore().getValue().doubleValue()).as("%s score", measure.getKey())
                    .isEqualTo(counts.path("score").asDouble());
            group.getStratifier().forEach(s -> s.getStratum().forEach(stratum -> stratum.getPopulation().forEach(
                    p -> assertThat(p.getCount()).as("%s %s", measure.getKey(), stratum.getValue().getCodingFirstRep().getCode())
                            .isEqualTo(counts.path("strata").path(stratum.getValue().getCodingFirstRep().getCode())
                                    .path(p.getCode().getCodingFirstRep().getCode()).asInt()))));
        }
    }

    @Test
    void aSubjectListNamesTheCallingClinicianOwnPatientsOnly(Sandbox sandbox) {
        JsonNode lists = expected.path("practitioner pr-a, subject-list");
        for (var it = lists.fields(); it.hasNext(); ) {
            var measure = it.next();
            HttpResponse<String> answer = evaluate(sandbox, clinicianA, measure.getKey(),
                    PERIOD + "&subject=Group/oc-cohort&reportType=subject-list");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            MeasureReport report = Fhir.parse(MeasureReport.class, answer.body());
            assertThat(Fhir.errors(report)).isEmpty();
            for (MeasureReportGroupPopulationComponent population : report.getGroupFirstRep().getPopulation()) {
                String code = population.getCode().getCodingFirstRep().getCode();
                if (!measure.getValue().has(code)) {
                    continue;
                }
                List<String> wanted = new ArrayList<>();
                measure.getValue().path(code).forEach(p -> wanted.add(p.asText()));
                String id = population.getSubjectResults().getReference().substring(1);
                ListResource list = report.getContained().stream().filter(r -> id.equals(r.getIdElement().getIdPart()))
                        .map(ListResource.class::cast).findFirst().orElseThrow();
                assertThat(list.getEntry()).extracting(e -> e.getItem().getReference()).as("%s %s", measure.getKey(), code)
                        .containsExactlyElementsOf(wanted);
            }
        }
        refused(evaluate(sandbox, clinicianA, "ipt-response", PERIOD + "&reportType=subject-list&practitioner=pr-b"), 403,
                "own patients");
    }

    @Test
    void refusesUnknownMeasuresAndBadPeriods(Sandbox sandbox) {
        refused(evaluate(sandbox, clinicianA, "no-such-measure", PERIOD), 404, "not one of Rapport's outcome measures");
        refused(evaluate(sandbox, clinicianA, "ipt-response", "periodStart=2026-03-31&periodEnd=2026-01-01"), 400,
                "before periodStart");
        refused(evaluate(sandbox, clinicianA, "ipt-response", "periodStart=2026-01-01"), 400, "periodEnd");
        refused(evaluate(sandbox, clinicianA, "ipt-response", PERIOD + "&subject=Patient/oc-p1"), 400, "Group");
        refused(evaluate(sandbox, clinicianA, "ipt-response", PERIOD + "&reportType=individual"), 400, "reportType");
    }

    @Test
    void aCourseEndedWithoutAgreementIsADropout(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        CarePlan plan = EnrollmentTest.enrol(ehr, patient);

        EnrollmentTest.assertRefused(ehr.operation("CarePlan/" + plan.getIdPart() + "/$ipt-advance",
                new Parameters().addParameter("phase", new CodeType("ended"))), 400, "reason");
        HttpResponse<String> ended = ehr.operation("CarePlan/" + plan.getIdPart() + "/$ipt-advance", new Parameters()
                .addParameter("phase", new CodeType("ended"))
                .addParameter("reason", new Coding(BASE + "/CodeSystem/course-ending-reason", "ended-without-agreement", null)));
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        CarePlan revoked = Fhir.parse(CarePlan.class, ended.body());
        assertThat(revoked.getStatus()).isEqualTo(CarePlan.CarePlanStatus.REVOKED);
        assertThat(Fhir.errors(revoked)).isEmpty();

        Group group = new Group().setType(Group.GroupType.PERSON).setActual(true);
        group.addMember().setEntity(new Reference("Patient/" + patient));
        String groupId = ehr.record.create().resource(group).execute().getId().getIdPart();
        String today = LocalDate.parse(revoked.getPeriod().getEndElement().getValueAsString().substring(0, 10)).toString();
        HttpResponse<String> answer = evaluate(sandbox, clinicianA, "ipt-dropout",
                "periodStart=" + today + "&periodEnd=" + today + "&subject=Group/" + groupId);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        MeasureReport report = Fhir.parse(MeasureReport.class, answer.body());
        assertThat(report.getGroupFirstRep().getPopulation()).extracting(MeasureReportGroupPopulationComponent::getCount)
                .containsExactly(1, 1, 1);
    }

    private static void refused(HttpResponse<String> answer, int status, String words) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        OperationOutcome outcome = Fhir.parse(OperationOutcome.class, answer.body());
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(words);
    }

    private static HttpResponse<String> evaluate(Sandbox sandbox, String token, String measure, String query) {
        return Http.send(HttpRequest.newBuilder(URI.create(sandbox.rapportUrl() + "/fhir/Measure/" + measure
                        + "/$evaluate-measure?" + query))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token).GET().build());
    }

    /** A clinician's token that reads what the user may see (the sandbox EHR's user-level scopes). */
    static String token(Sandbox sandbox, String practitioner) {
        return sandbox.fhirServer().ehr().authorizer().issueForUser(practitioner, "user/*.rs", Duration.ofHours(2))
                .accessToken();
    }

    private static InputStream resource(String name) {
        return OutcomeMeasuresTest.class.getResourceAsStream("/outcome-cohort/" + name);
    }
}
