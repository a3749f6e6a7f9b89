package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.seed.SeedPatient;
import health.rapport.sandbox.seed.Seeder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The clinician panel at /rapport/app/, in a real headless Chromium against the sandbox. */
@ExtendWith(SandboxExtension.class)
class PanelTest {

    @Test
    void servesThePanelFromTheBundleWithStrictHeadersAndNoDataWithoutALaunch(Sandbox sandbox) {
        HttpResponse<String> page = get(sandbox.rapportUrl() + "/app/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<main id=\"main\"").doesNotContain("<script>");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "script-src 'self';", "object-src 'none'")
                .contains("connect-src 'self' " + origin(sandbox.fhirBaseUrl()))
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        HttpResponse<String> chart = get(sandbox.rapportUrl() + "/app/vendor/chart.umd.min.js");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Security-Policy")).isPresent();
        // The sandbox opens the panel by SMART launch only: no token, no chart data.
        HttpResponse<String> refused = get(sandbox.rapportUrl() + "/app/api/chart?patient=any");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("SMART launch");
    }

    @Test
    void theSandboxEhrShowsCardsWithTheCriticalOneFirstAndItsLinkLaunchesThePanel(Sandbox sandbox) {
        Map<String, SeedPatient> seeded = seed(sandbox);
        SeedPatient safety = seeded.get("seed-safety");
        try (PanelBrowser browser = new PanelBrowser()) {
            browser.open(sandbox.ehrUrl());
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("patients")));
            browser.driver.findElement(By.cssSelector("a[href='/ehr/patient/" + safety.patientId() + "']")).click();
            WebElement first = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#cards > li:first-child")));
            assertThat(first.getAttribute("data-indicator")).isEqualTo("critical");
            assertThat(first.getText()).contains("item 9");
            assertThat(browser.driver.getPageSource()).doesNotContain("cds-error");
            browser.screenshot("ehr-chart-cards", 1000);

            WebElement link = browser.driver.findElements(By.cssSelector("#cards a.card-link")).stream()
                    .filter(a -> a.getAttribute("href").contains("app=")).findFirst()
                    .orElse(browser.driver.findElement(By.id("open-rapport")));
            link.click();
            browser.waiting().until(d -> d.getCurrentUrl().contains("/app/index.html") && !d.getCurrentUrl().contains("code="));
            WebElement banner = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("safety-banner")));
            assertThat(banner.getText()).contains("PHQ-9 item 9", "assess suicide risk now");
            assertThat(browser.driver.findElement(By.id("patient-name")).getText()).startsWith(safety.name());

            // The token lives in the tab's sessionStorage, never in a cookie or the address.
            assertThat(browser.driver.executeScript("return document.cookie")).isEqualTo("");
            assertThat(browser.driver.getCurrentUrl()).doesNotContain("code=", "state=", "token");
            Object session = browser.driver.executeScript("return sessionStorage.getItem('rapport.smart.session')");
            assertThat(session).asString().contains("\"patient\":\"" + safety.patientId() + "\"");
            // Rapport read the chart with the clinician's token: the EHR's FHIR server saw it.
            assertThat(sandbox.fhirServer().ehr().authorizer().grantsFor(safety.patientId()))
                    .anySatisfy(g -> {
                        assertThat(g.scope()).contains("launch");
                        assertThat(g.uses().get()).isPositive();
                    });

            // A forged return (state this tab never made) is refused before any token request.
            browser.open(sandbox.rapportUrl() + "/app/index.html?code=forged&state=forged");
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                    "not started from this window"));
        }
    }

    @Test
    void clinicianEnrolsWithConfirmationAndSeesTheCourseThenAnAdvanceRefusalInPlainWords(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        try (PanelBrowser browser = new PanelBrowser()) {
            browser.launch(sandbox, patient);
            WebElement enroll = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("enroll-button")));
            assertThat(browser.driver.findElement(By.id("safety-banner")).isDisplayed()).isFalse();
            browser.screenshot("panel-not-enrolled", 800);

            enroll.click();
            WebElement dialog = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
            assertThat(dialog.getText()).contains("Enrol in an IPT course?", "Synthetic Test");
            browser.driver.findElement(By.id("confirm-cancel")).click();
            browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
            assertThat(ehr.count("CarePlan?subject=Patient/" + patient)).as("cancel enrols nobody").isZero();

            browser.driver.findElement(By.id("enroll-button")).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
            browser.driver.findElement(By.id("confirm-ok")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("session-progress"),
                    "Session 1 of 16"));
            assertThat(browser.driver.findElement(By.id("session-progress")).getText())
                    .contains("16 sessions left", "phase: Initial");
            assertThat(browser.driver.findElement(By.cssSelector("#timeline li[aria-current=step]")).getText())
                    .isEqualTo("Initial");
            assertThat(browser.driver.findElement(By.id("problem-area")).getText()).isEqualTo("Not chosen yet");
            assertThat(browser.driver.findElement(By.id("intervention-groups")).getText()).isNotBlank();
            assertThat(ehr.count("CarePlan?subject=Patient/" + patient)).isEqualTo(1);
            browser.screenshot("panel-enrolled", 1500);

            // Leaving the initial phase needs the Interpersonal Inventory: the server's reason is shown.
            browser.driver.findElement(By.id("advance-button")).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
            browser.driver.findElement(By.id("confirm-ok")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Not done:"));
            String status = browser.driver.findElement(By.id("status")).getText();
            assertThat(status).containsIgnoringCase("inventory").doesNotContain("OperationOutcome", "{");
            browser.screenshot("panel-advance-refused", 800);
        }
    }

    @Test
    void aPositivePhq9Item9ShowsTheSafetyBannerAndTheTrend(Sandbox sandbox) {
        Map<String, SeedPatient> seeded = seed(sandbox);
        try (PanelBrowser browser = new PanelBrowser()) {
            browser.launch(sandbox, seeded.get("seed-safety").patientId());
            WebElement banner = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("safety-banner")));
            assertThat(banner.getText()).contains("PHQ-9 item 9", "assess suicide risk now");
            assertThat(banner.getAttribute("role")).isEqualTo("alert");
            browser.screenshot("panel-safety-banner", 900);

            browser.launch(sandbox, seeded.get("seed-role-dispute").patientId());
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("problem-area"), "Role dispute"));
            assertThat(browser.driver.findElement(By.id("safety-banner")).isDisplayed()).isFalse();
            assertThat(browser.driver.findElement(By.cssSelector("#timeline li[aria-current=step]")).getText())
                    .isEqualTo("Middle");
            assertThat(browser.driver.findElement(By.id("dispute-stage")).getText()).isNotEqualTo("—");
            assertThat(browser.driver.findElements(By.cssSelector("#score-table tbody tr"))).hasSizeGreaterThan(1);
            Object drawn = browser.driver.executeScript(
                    "return window.Chart && Chart.getChart(document.getElementById('trend')) ? "
                            + "Chart.getChart(document.getElementById('trend')).data.datasets[0].data.filter(v => v !== null).length : -1");
            assertThat(((Number) drawn).intValue()).as("PHQ-9 points drawn").isGreaterThan(1);
            browser.screenshot("panel-middle-phase", 1500);
        }
    }

    @Test
    void responseMarksShowAndOnATabletTheCourseStacksInOneColumnAndWorksByKeyboard(Sandbox sandbox) {
        Map<String, SeedPatient> seeded = seed(sandbox);
        try (PanelBrowser browser = new PanelBrowser()) {
            browser.launch(sandbox, seeded.get("seed-non-responder").patientId());
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("score-table"), "Non-response"));
            Object styles = browser.driver.executeScript(
                    "return Chart.getChart(document.getElementById('trend')).data.datasets[0].pointStyle");
            assertThat(styles).asString().contains("crossRot");

            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(768, 1024));
            browser.waiting().until(d -> browser.driver.findElement(By.id("measures")).getRect().getX()
                    == browser.driver.findElement(By.id("course")).getRect().getX());
            assertThat(browser.driver.findElement(By.id("measures")).getRect().getY())
                    .isGreaterThan(browser.driver.findElement(By.id("course")).getRect().getY());
            Object overflow = browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("horizontal overflow at 768 px").isLessThanOrEqualTo(0);

            // Keyboard: reload, and the first Tab lands on the skip link; following it focuses the course.
            browser.driver.navigate().refresh();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("main")));
            new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
            WebElement focused = browser.driver.switchTo().activeElement();
            assertThat(focused.getAttribute("class")).isEqualTo("skip");
            focused.sendKeys(org.openqa.selenium.Keys.ENTER);
            assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
            browser.screenshot("panel-tablet", 768, 1400);
        }
    }

    @Test
    void scriptInAPatientsNameIsShownAsTextAndNeverRuns(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:example:mrn").setValue(UUID.randomUUID().toString());
        patient.addName(new HumanName().setFamily("<script>window.__xss=2</script>")
                .addGiven("<img src=x onerror=\"window.__xss=1;alert(1)\">"));
        patient.setGender(Enumerations.AdministrativeGender.OTHER);
        String id = ehr.record.create().resource(patient).execute().getId().getIdPart();
        try (PanelBrowser browser = new PanelBrowser()) {
            // Through the EHR's own pages first: its list and chart escape the name as well.
            browser.open(sandbox.ehrUrl() + "patient/" + id);
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("chart-patient"), "<img src=x"));
            assertThat(browser.driver.findElements(By.tagName("img"))).isEmpty();
            assertThat(browser.driver.executeScript("return typeof window.__xss")).isEqualTo("undefined");
            browser.driver.findElement(By.id("open-rapport")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("patient-name"), "<img src=x"));
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("enroll-button"))).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("confirm-text"), "<script>"));
            browser.driver.findElement(By.id("confirm-cancel")).click();

            assertThat(browser.driver.findElement(By.id("patient-name")).getText())
                    .isEqualTo("<img src=x onerror=\"window.__xss=1;alert(1)\"> <script>window.__xss=2</script>");
            assertThat(browser.driver.findElements(By.tagName("img"))).isEmpty();
            assertThat(browser.driver.findElements(By.cssSelector("body script"))).isEmpty();
            assertThat(browser.driver.executeScript("return typeof window.__xss")).isEqualTo("undefined");
            assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        }
    }

    static Map<String, SeedPatient> seed(Sandbox sandbox) {
        return new Seeder(ca.uhn.fhir.context.FhirContext.forR4Cached(), sandbox.fhirBaseUrl(),
                sandbox.rapportUrl() + "/fhir").seed().stream().collect(Collectors.toMap(SeedPatient::key, p -> p));
    }

    private static HttpResponse<String> get(String url) {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }
}
