package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.ehr.SandboxEhr;
import health.rapport.sandbox.seed.CohortSeeder;
import health.rapport.sandbox.seed.SeedPatient;
import health.rapport.sandbox.seed.Trajectory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The clinician's caseload ({@code /rapport/app/api/caseload} and {@code caseload.html}) on the seeded
 * cohort: every open course of the clinician with the flags its trajectory must raise, nothing of another
 * clinician's patients unless the EHR lets them see it, the same item-9 and deterioration verdicts as the
 * CDS service, and the page in a real browser.
 */
@ExtendWith(SandboxExtension.class)
class CaseloadTest {

    private static final int COHORT = 20;
    /** What each open trajectory must raise, most urgent first. */
    private static final Map<Trajectory, List<String>> EXPECTED = Map.of(
            Trajectory.RESPONDER, List.of(),
            Trajectory.NON_RESPONDER, List.of("not-on-track"),
            Trajectory.DETERIORATOR, List.of("deterioration"),
            Trajectory.LAPSING, List.of("measures-overdue", "no-recent-session"),
            Trajectory.ITEM9_POSITIVE, List.of("item9-positive"),
            Trajectory.ALLIANCE, List.of("alliance"));

    private static final Map<Integer, SeedPatient> cohort = new LinkedHashMap<>();

    @BeforeAll
    static void seed(Sandbox sandbox) {
        List<SeedPatient> seeded = new CohortSeeder(Fhir.CONTEXT, sandbox.fhirBaseUrl(), sandbox.rapportUrl() + "/fhir")
                .seed(COHORT);
        for (int n = 1; n <= COHORT; n++) {
            cohort.put(n, seeded.get(n - 1));
        }
    }

    @Test
    void eachClinicianSeesExactlyTheirOpenCoursesWithTheFlagsOfTheirTrajectories(Sandbox sandbox) {
        for (String clinician : CohortSeeder.CLINICIANS) {
            Map<String, JsonNode> rows = rows(caseload(sandbox, clinicianToken(sandbox, clinician)));
            Map<String, List<String>> expected = new LinkedHashMap<>();
            for (int n = 1; n <= COHORT; n++) {
                Trajectory trajectory = Trajectory.of(n);
                if (trajectory.open() && CohortSeeder.clinicianOf(n).equals(clinician)) {
                    expected.put(cohort.get(n).patientId(), EXPECTED.get(trajectory));
                }
            }
            // Other clinicians' courses, and closed courses, are not there. (Other tests enrol patients of
            // their own for the sandbox clinician on this shared FHIR server: only the cohort is judged.)
            Map<String, JsonNode> ofCohort = new LinkedHashMap<>(rows);
            ofCohort.keySet().retainAll(cohort.values().stream().map(SeedPatient::patientId).toList());
            assertThat(ofCohort.keySet()).as(clinician).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((patient, flags) -> assertThat(codes(rows.get(patient).path("flags")))
                    .as(clinician + " Patient/" + patient + " " + trajectoryOf(patient)).isEqualTo(flags));
            for (JsonNode row : ofCohort.values()) {
                assertThat(row.path("sessions").asInt()).isEqualTo(16);
                assertThat(row.path("phq9").path("value").isInt()).isTrue();
                assertThat(row.path("lastSession").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            }
        }
    }

    @Test
    void theMostUrgentCourseComesFirstAndItem9BeforeEverythingElse(Sandbox sandbox) {
        JsonNode view = caseload(sandbox, clinicianToken(sandbox, SandboxEhr.PRACTITIONER));
        JsonNode first = view.path("courses").get(0);
        assertThat(first.path("flags").get(0).path("code").asText()).isEqualTo("item9-positive");
        List<Integer> urgency = StreamSupport.stream(view.path("courses").spliterator(), false)
                .map(r -> r.path("urgency").asInt()).toList();
        assertThat(urgency).isSorted();
        assertThat(codes(view.path("flags"))).containsExactly("item9-positive", "item9-not-checked", "deterioration",
                "not-on-track", "alliance", "measures-overdue", "no-recent-session");

        // The server sends pages ordered over every course: page 2 of 2 rows continues the urgency order. (Pages
        // of 2: the cohort alone gives this clinician 5 open courses, when no other test has added any, and a
        // page past the last is answered with the last.)
        String token = clinicianToken(sandbox, SandboxEhr.PRACTITIONER);
        assertThat(urgency).hasSizeGreaterThanOrEqualTo(4);
        JsonNode firstPage = caseload(sandbox, token, "?count=2");
        JsonNode secondPage = caseload(sandbox, token, "?count=2&page=1");
        assertThat(firstPage.path("total").asInt()).isEqualTo(view.path("courses").size());
        assertThat(firstPage.path("pages").asInt()).isEqualTo((view.path("courses").size() + 1) / 2);
        List<Integer> paged = StreamSupport.stream(firstPage.path("courses").spliterator(), false)
                .map(r -> r.path("urgency").asInt()).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        secondPage.path("courses").forEach(r -> paged.add(r.path("urgency").asInt()));
        assertThat(paged).isEqualTo(urgency.subList(0, 4));
        assertThat(caseload(sandbox, token, "").path("courses").size()).isEqualTo(Math.min(50, urgency.size()));
        assertThat(get(sandbox.rapportUrl() + "/app/api/caseload?count=100000", token).statusCode()).isEqualTo(400);
    }

    @Test
    void aClinicianReachesAnotherClinicansPatientOnlyOnceTheEhrSharesThePatient(Sandbox sandbox) {
        String patient = cohort.get(1).patientId(); // course 1: the sandbox clinician's
        String colleague = CohortSeeder.CLINICIANS.get(1);
        String token = clinicianToken(sandbox, colleague);
        HttpResponse<String> refused = get(sandbox.rapportUrl() + "/app/api/chart?patient=" + patient, token);
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> direct = get(sandbox.fhirBaseUrl() + "/Observation?subject=Patient/" + patient, token);
        assertThat(direct.statusCode()).isEqualTo(403);

        // Cover during leave: the EHR puts the colleague in the patient's care team.
        CareTeam team = new CareTeam().setStatus(CareTeam.CareTeamStatus.ACTIVE)
                .setSubject(new Reference("Patient/" + patient));
        team.addParticipant().setMember(new Reference(colleague));
        String teamId = Fhir.client(sandbox.fhirBaseUrl()).create().resource(team).execute().getId().getIdPart();
        try {
            HttpResponse<String> shared = get(sandbox.rapportUrl() + "/app/api/chart?patient=" + patient, token);
            assertThat(shared.statusCode()).isEqualTo(200);
            // Reaching a patient is not managing their course: the caseload still lists the colleague's own.
            assertThat(rows(caseload(sandbox, token))).doesNotContainKey(patient);
        } finally {
            Fhir.client(sandbox.fhirBaseUrl()).delete().resourceById("CareTeam", teamId).execute();
        }
        assertThat(get(sandbox.rapportUrl() + "/app/api/chart?patient=" + patient, token).statusCode()).isEqualTo(403);
    }

    @Test
    void withoutAClinicianThereIsNoCaseload(Sandbox sandbox) {
        assertThat(Http.getAnonymously(sandbox.rapportUrl() + "/app/api/caseload").statusCode()).isEqualTo(401);
        String noUser = sandbox.fhirServer().ehr().authorizer().issueToClient("sandbox-ehr", "system/*.rs",
                Duration.ofMinutes(5)).accessToken();
        HttpResponse<String> refused = get(sandbox.rapportUrl() + "/app/api/caseload", noUser);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("fhirUser");
    }

    @Test
    void item9AndDeteriorationFlagsAgreeWithTheCdsCards(Sandbox sandbox) {
        List<String> checked = new ArrayList<>();
        try (CdsCalls cds = new CdsCalls(sandbox)) {
            for (String clinician : CohortSeeder.CLINICIANS) {
                rows(caseload(sandbox, clinicianToken(sandbox, clinician))).forEach((patient, row) -> {
                    List<String> flags = codes(row.path("flags"));
                    List<String> summaries = StreamSupport.stream(cds.patientView(patient).spliterator(), false)
                            .map(c -> c.path("indicator").asText() + " " + c.path("summary").asText()).toList();
                    assertThat(summaries.stream().anyMatch(s -> s.startsWith("critical") && s.contains("item 9")))
                            .as("item 9 of Patient/" + patient + ": " + summaries).isEqualTo(flags.contains("item9-positive"));
                    assertThat(summaries.stream().anyMatch(s -> s.contains("reliably worse")))
                            .as("deterioration of Patient/" + patient + ": " + summaries)
                            .isEqualTo(flags.contains("deterioration"));
                    assertThat(summaries.stream().anyMatch(s -> s.contains("No PHQ-9 response by session")))
                            .as("non-response of Patient/" + patient + ": " + summaries)
                            .isEqualTo(flags.contains("not-on-track"));
                    checked.add(patient);
                });
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void theCaseloadPageSortsFiltersAndOpensThePatientsPanel(Sandbox sandbox) {
        try (PanelBrowser browser = new PanelBrowser()) {
            browser.open(sandbox.ehrUrl());
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("caseloads")));
            String clinician = SandboxEhr.PRACTITIONER.substring("Practitioner/".length());
            browser.driver.findElement(By.cssSelector("a.caseload[href='/ehr/launch?practitioner=" + clinician + "']")).click();
            try {
                browser.waiting().until(d -> d.getCurrentUrl().contains("/app/caseload.html")
                        && !d.getCurrentUrl().contains("code=") && !d.findElements(By.cssSelector("#course-rows tr")).isEmpty());
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("the caseload did not show at " + browser.driver.getCurrentUrl() + ": "
                        + browser.driver.findElement(By.tagName("body")).getText() + " / console: "
                        + browser.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll(), e);
            }
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("#course-rows tr"));
            // The page shows 50 rows at a time (other tests add courses of this clinician too).
            assertThat(rows).hasSize(Math.min(50, rows(caseload(sandbox, clinicianToken(sandbox, SandboxEhr.PRACTITIONER))).size()));
            assertThat(rows.get(0).getAttribute("data-flags")).startsWith("item9-positive");
            assertThat(rows.get(0).findElement(By.cssSelector(".flag")).getText()).isEqualTo("Item 9 positive");
            browser.screenshot("caseload", 700);

            // The filter and the sort ask the server for a new page.
            new Select(browser.driver.findElement(By.id("flag-filter"))).selectByValue("deterioration");
            // Each new page replaces the rows: a row read while that happens is stale, and read again.
            browser.waiting().ignoring(StaleElementReferenceException.class).until(d -> {
                List<WebElement> filtered = d.findElements(By.cssSelector("#course-rows tr"));
                return !filtered.isEmpty() && filtered.stream().allMatch(r -> r.getAttribute("data-flags").contains("deterioration"));
            });
            new Select(browser.driver.findElement(By.id("flag-filter"))).selectByValue("");
            browser.waiting().ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElements(By.cssSelector("#course-rows tr")).size() == rows.size());

            browser.driver.findElement(By.cssSelector("button.sort[data-key='name']")).click();
            browser.waiting().ignoring(StaleElementReferenceException.class).until(d -> {
                List<String> names = d.findElements(By.cssSelector("#course-rows tr td:first-child"))
                        .stream().map(WebElement::getText).toList();
                return names.size() == rows.size() && java.util.stream.IntStream.range(1, names.size())
                        .allMatch(i -> String.CASE_INSENSITIVE_ORDER.compare(names.get(i - 1), names.get(i)) <= 0);
            });

            WebElement first = browser.driver.findElement(By.cssSelector("#course-rows tr td:first-child a"));
            String name = first.getText();
            first.click();
            browser.waiting().until(d -> d.getCurrentUrl().contains("/app/index.html")
                    && d.findElement(By.id("patient-name")).getText().startsWith(name));
            assertThat(browser.driver.findElement(By.id("caseload-link")).isDisplayed()).isTrue();
            assertThat(browser.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll())
                    .noneMatch(e -> e.getMessage().contains("Content Security Policy"));
        }
    }

    private static String trajectoryOf(String patient) {
        return cohort.entrySet().stream().filter(e -> e.getValue().patientId().equals(patient))
                .map(e -> Trajectory.of(e.getKey()).describe()).findFirst().orElse("not in the cohort");
    }

    /** A clinician's own token, as their SMART launch without a patient gets: user reads, limited by the EHR. */
    static String clinicianToken(Sandbox sandbox, String practitioner) {
        return sandbox.fhirServer().ehr().authorizer().issueForClinician(practitioner, "openid fhirUser user/*.rs",
                Duration.ofMinutes(30)).accessToken();
    }

    /** Every row of the clinician's caseload: one page of the largest size. */
    static JsonNode caseload(Sandbox sandbox, String token) {
        return caseload(sandbox, token, "?count=" + 500);
    }

    static JsonNode caseload(Sandbox sandbox, String token, String query) {
        HttpResponse<String> answer = get(sandbox.rapportUrl() + "/app/api/caseload" + query, token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.parse(answer.body());
    }

    private static Map<String, JsonNode> rows(JsonNode view) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        view.path("courses").forEach(r -> out.put(r.path("patient").path("id").asText(), r));
        return out;
    }

    private static List<String> codes(JsonNode flags) {
        return StreamSupport.stream(flags.spliterator(), false).map(f -> f.path("code").asText()).toList();
    }

    private static HttpResponse<String> get(String url, String token) {
        return Http.sendAnonymously(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").header("Authorization", "Bearer " + token).GET().build());
    }
}
