package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The panel's safety banner in headless Chromium on cases of the foreign-chart corpus, one per
 * item-9 state: the same words as the CDS card (checked over HTTP by {@link ForeignChartCorpusTest}),
 * a red alert for a positive answer and for a check that could not be completed, a notice for an
 * unanswered item 9 and for a reviewed positive, nothing otherwise.
 */
@ExtendWith(SandboxExtension.class)
class SafetyBannerTest {

    @Test
    void everyItem9StateShowsAsTheSharedRuleSays(Sandbox sandbox) {
        Map<String, String> patients = new LinkedHashMap<>();
        Ehr ehr = new Ehr(sandbox);
        for (String name : new String[] {"response-amended-to-zero-stale-observation", "observation-string-value",
                "response-item9-unanswered", "positive-then-risk-review", "old-positive-then-zero",
                "time-zones-compared-as-instants"}) {
            String patient = ehr.newPatient();
            SafetyCorpus.load(ehr, name, patient);
            patients.put(name, patient);
        }
        try (PanelBrowser browser = new PanelBrowser()) {
            browser.launch(sandbox, patients.get("response-amended-to-zero-stale-observation"));
            WebElement banner = visible(browser, "safety-banner");
            assertThat(banner.getAttribute("role")).isEqualTo("alert");
            assertThat(banner.getText()).contains("PHQ-9 item 9 positive (2: more than half the days)",
                    "assess suicide risk now");
            // The form that clears the alert is one click away.
            banner.findElement(By.id("safety-review-link")).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("save-button")));
            assertThat(browser.driver.getCurrentUrl()).contains("form=risk-review");

            browser.launch(sandbox, patients.get("observation-string-value"));
            assertThat(visible(browser, "safety-banner").getText()).contains("could not be checked", "valueString");

            browser.launch(sandbox, patients.get("response-item9-unanswered"));
            assertThat(visible(browser, "safety-notice").getText()).contains("unanswered", "ask the patient");
            assertThat(browser.driver.findElement(By.id("safety-banner")).isDisplayed()).isFalse();

            browser.launch(sandbox, patients.get("positive-then-risk-review"));
            WebElement notice = visible(browser, "safety-notice");
            assertThat(notice.getText()).contains("risk assessed by Dr A. Example", "safety plan made");
            assertThat(browser.driver.findElement(By.id("safety-banner")).isDisplayed()).isFalse();
            browser.screenshot("panel-safety-reviewed", 700);

            browser.launch(sandbox, patients.get("old-positive-then-zero"));
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("not-enrolled")));
            assertThat(browser.driver.findElement(By.id("safety-banner")).isDisplayed()).isFalse();
            assertThat(browser.driver.findElement(By.id("safety-notice")).isDisplayed()).isFalse();

            browser.launch(sandbox, patients.get("time-zones-compared-as-instants"));
            assertThat(visible(browser, "safety-banner").getText()).contains("PHQ-9 item 9 positive");
        }
    }

    private static WebElement visible(PanelBrowser browser, String id) {
        return browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }
}
