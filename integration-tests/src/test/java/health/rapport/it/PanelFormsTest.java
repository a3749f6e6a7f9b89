package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.rapport.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A clinician's course in the panel, in headless Chromium, from the sandbox EHR's launch to a
 * new phase: enrol, fill the Interpersonal Inventory (role dispute at impasse, with script typed
 * into free text), advance to the middle phase, fill a PHQ-9 with item 9 positive, see the safety
 * banner in the panel and the critical card first in the EHR.
 */
@ExtendWith(SandboxExtension.class)
class PanelFormsTest {

    private static final String XSS_IMG = "<img src=x onerror=\"window.__xss=1;alert(1)\">";
    private static final String XSS_SCRIPT = "<script>window.__xss=2</script>";
    private static final String AREA = "https://rapport-ipt.org/fhir/CodeSystem/ipt-problem-area";
    private static final String STAGE = "https://rapport-ipt.org/fhir/CodeSystem/role-dispute-stage";

    @Test
    void aClinicianFillsTheFormsAndTheCourseMovesOn(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        try (PanelBrowser browser = new PanelBrowser()) {
            PanelForms forms = new PanelForms(browser);
            browser.launch(sandbox, patient);
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("enroll-button"))).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
            browser.driver.findElement(By.id("confirm-ok")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("session-progress"),
                    "Session 1 of 16"));

            // The Interpersonal Inventory: one relationship, the formulation, script in free text.
            forms.open("interpersonal-inventory");
            assertThat(consoleErrors(browser)).as("script errors or blocked scripts on the form page").isEmpty();
            // Saving with required answers missing is refused with what is missing, and nothing is stored.
            forms.type("relationship.person/1/1/1", "Sam " + XSS_SCRIPT);
            forms.confirmSave();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Not saved"));
            assertThat(forms.status()).contains("Required answers are missing", "(relationship.type)");
            assertThat(ehr.count("QuestionnaireResponse?subject=Patient/" + patient)).isZero();
            forms.pick("relationship.type/1/1/1", "husband");
            forms.choose("relationship.closeness/1/1/1/1", "https://rapport-ipt.org/fhir/CodeSystem/closeness-circle", "inner");
            forms.type("relationship.satisfying/1/1/1/1", XSS_IMG);
            forms.choose("formulation.primary.problem-area/1/1/1", AREA, "role-dispute");
            forms.choose("formulation.primary.dispute-stage/1/1/1", STAGE, "impasse");
            forms.type("formulation.rationale/1/1", "Low mood since the arguments began " + XSS_IMG);
            forms.type("formulation.focus.description/1/1/1", "Renegotiate chores " + XSS_SCRIPT);
            forms.type("formulation.sessions/1/1", "16");
            browser.screenshot("form-inventory", 1400);
            WebElement result = forms.save();
            assertThat(result.getText()).contains("QuestionnaireResponse/");
            assertThat(browser.driver.findElement(By.id("status")).getText()).contains("Saved and processed");
            assertNoScriptRan(browser);

            forms.backToCourse();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("problem-area"), "Role dispute"));
            assertThat(browser.driver.findElement(By.id("dispute-stage")).getText()).containsIgnoringCase("impasse");
            assertThat(browser.driver.findElement(By.id("goal-list")).getText()).contains("Renegotiate chores " + XSS_SCRIPT);
            assertNoScriptRan(browser);

            // The Inventory is done and a problem area chosen: the middle phase may start.
            browser.driver.findElement(By.id("advance-button")).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
            browser.driver.findElement(By.id("confirm-ok")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Middle phase"));
            assertThat(browser.driver.findElement(By.cssSelector("#timeline li[aria-current=step]")).getText())
                    .isEqualTo("Middle");

            // A PHQ-9 with item 9 answered "several days".
            forms.open("phq-9");
            forms.phq9(2, 2, 1, 2, 1, 1, 1, 0, 1);
            browser.screenshot("form-phq9", 1400);
            forms.save();
            WebElement banner = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("safety-banner")));
            assertThat(banner.getText()).contains("item 9", "assess suicide risk now");
            assertThat(browser.driver.findElement(By.id("result-facts")).getText()).contains("PHQ-9 total", "11");
            browser.screenshot("form-phq9-saved", 900);
            assertThat(consoleErrors(browser)).as("script errors or CSP violations while filling and saving").isEmpty();

            forms.backToCourse();
            assertThat(browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("safety-banner")))
                    .getText()).contains("PHQ-9 item 9");

            browser.open(sandbox.ehrUrl() + "patient/" + patient);
            WebElement first = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#cards > li:first-child")));
            assertThat(first.getAttribute("data-indicator")).isEqualTo("critical");
            assertNoScriptRan(browser);
        }

        // What the forms wrote is in the record, valid, and the free text is stored as typed.
        List<QuestionnaireResponse> responses = ehr.all("QuestionnaireResponse?subject=Patient/" + patient,
                QuestionnaireResponse.class);
        assertThat(responses).hasSize(2).allSatisfy(r -> assertThat(Fhir.errors(r)).isEmpty());
        CarePlan plan = ehr.all("CarePlan?subject=Patient/" + patient, CarePlan.class).get(0);
        assertThat(ehr.all("CarePlan?subject=Patient/" + patient, CarePlan.class))
                .singleElement().satisfies(p -> assertThat(Fhir.errors(p)).isEmpty());
        // Everything the panel caused names the signed-in clinician (from the EHR's verified id_token):
        // enrolment, the Inventory's and the PHQ-9's processing, the phase advance.
        assertThat(ehr.all("Provenance?target=CarePlan/" + plan.getIdElement().getIdPart(),
                org.hl7.fhir.r4.model.Provenance.class))
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(p -> assertThat(p.getAgent()).anySatisfy(a -> assertThat(a.getWho().getReference())
                        .isEqualTo(health.rapport.sandbox.ehr.SandboxEhr.PRACTITIONER)));
    }

    @Test
    void everyOtherFormRendersWithItsChoicesAndNoErrors(Sandbox sandbox) {
        String patient = new Ehr(sandbox).newPatient();
        try (PanelBrowser browser = new PanelBrowser()) {
            PanelForms forms = new PanelForms(browser);
            browser.launch(sandbox, patient);
            for (String form : new String[] {"gad-7", "session-feedback", "relapse-prevention-plan", "risk-review"}) {
                forms.open(form);
                assertThat(browser.driver.findElements(By.cssSelector("#form-container lhc-item")))
                        .as(form + " items").hasSizeGreaterThan(2);
                assertThat(browser.driver.findElements(By.cssSelector("#form-container label.lhc-answer, "
                        + "#form-container input.ansList"))).as(form + " answer choices").isNotEmpty();
                assertThat(consoleErrors(browser)).as(form).isEmpty();
                forms.backToCourse();
            }
        }
    }

    @Test
    void badAnswersAreRefusedWithNothingWritten(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String token = sandbox.fhirServer().ehr().authorizer().issue(patient, "patient/*.cruds", Duration.ofMinutes(10))
                .accessToken();
        String url = sandbox.rapportUrl() + "/app/api/forms/phq-9?patient=" + patient;
        String canonical = "http://loinc.org/q/44249-1";
        for (String body : new String[] {
            "not json",
            "{\"resourceType\":\"Patient\"}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\",\"questionnaire\":\"" + canonical + "\"}",
            // PHQ-9 with no answers at all: not scorable, refused before anything is stored.
            "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\",\"questionnaire\":"
                    + "\"https://rapport-ipt.org/fhir/Questionnaire/phq-9\",\"identifier\":{\"system\":\"urn:ietf:rfc:3986\","
                    + "\"value\":\"urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\"}}",
        }) {
            HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(answer.statusCode()).as(body).isBetween(400, 499);
            assertThat(answer.body()).as(body).contains("\"resourceType\":\"OperationOutcome\"", "\"diagnostics\"");
        }
        assertThat(ehr.count("QuestionnaireResponse?subject=Patient/" + patient)).isZero();
        HttpResponse<String> unknown = Http.send(HttpRequest.newBuilder(URI.create(sandbox.rapportUrl()
                + "/app/api/forms/not-a-form")).header("Authorization", "Bearer " + token).GET().build());
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> withoutToken = Http.send(HttpRequest.newBuilder(URI.create(sandbox.rapportUrl()
                + "/app/api/forms/phq-9")).GET().build());
        assertThat(withoutToken.statusCode()).isEqualTo(401);
    }

    private static void assertNoScriptRan(PanelBrowser browser) {
        assertThat(browser.driver.executeScript("return typeof window.__xss")).isEqualTo("undefined");
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    /** Console errors: script errors and CSP violations (answers with a 4xx the test provoked are not). */
    private static List<String> consoleErrors(PanelBrowser browser) {
        return browser.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource: the server responded with a status of 4"))
                .toList();
    }
}
