package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The panel's service view in headless Chromium: each outcome Measure per quarter of 2026 with the hand-checked
 * cohort's counts in its table, no script or CSP error, and the CSV the clinician downloads. The sandbox EHR
 * launches the panel for a patient only; the test then gives the tab the user-level token an EHR gives a
 * clinician-level launch (clinician pr-a, {@code user/*.rs}), which is what the service view needs.
 */
@ExtendWith(SandboxExtension.class)
class ServiceViewTest {

    @Test
    void showsEachMeasurePerQuarterWithItsCountsAndOffersTheCsv(Sandbox sandbox) throws IOException {
        JsonNode expected = OutcomeMeasuresTest.seedCohort(sandbox).path("measures");
        String clinician = OutcomeMeasuresTest.token(sandbox, "Practitioner/pr-a");
        Path downloads = Files.createTempDirectory("rapport-csv");
        try (PanelBrowser browser = new PanelBrowser()) {
            browser.launch(sandbox, "oc-p1");
            browser.driver.executeScript("const s = JSON.parse(sessionStorage.getItem('rapport.smart.session'));"
                    + "s.accessToken = arguments[0]; s.idToken = null; s.patient = null;"
                    + "sessionStorage.setItem('rapport.smart.session', JSON.stringify(s));", clinician);
            browser.driver.executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            browser.driver.findElement(By.id("service-link")).click();
            // The hand-checked cohort is its Group: other tests' courses share this FHIR server.
            browser.driver.get(browser.driver.getCurrentUrl() + "?year=2026&subject=Group/oc-cohort");
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofMinutes(3))
                    .until(d -> d.findElement(By.id("status")).getText().startsWith("Courses that ended in 2026")
                            || d.findElement(By.id("status")).getText().startsWith("Not shown"));
            assertThat(browser.driver.findElement(By.id("status")).getText()).startsWith("Courses that ended in 2026");

            for (var it = expected.fields(); it.hasNext(); ) {
                var measure = it.next();
                WebElement section = browser.driver.findElement(By.id("measure-" + measure.getKey()));
                assertThat(section.findElement(By.tagName("canvas")).getAttribute("aria-label")).isNotBlank();
                List<WebElement> rows = section.findElements(By.cssSelector("tbody tr"));
                assertThat(rows).extracting(r -> r.findElement(By.tagName("th")).getText())
                        .containsExactly("2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4");
                WebElement q1 = rows.get(0);
                for (String population : List.of("initial-population", "denominator", "numerator", "measure-population")) {
                    if (measure.getValue().has(population)) {
                        assertThat(q1.findElement(By.cssSelector("td." + population)).getText())
                                .as("%s %s", measure.getKey(), population)
                                .isEqualTo(measure.getValue().path(population).asText());
                    }
                }
            }
            assertThat(browser.driver.findElement(By.cssSelector("#measure-ipt-response tbody tr td.score")).getText())
                    .isEqualTo("75 %");
            assertThat(browser.driver.findElement(By.cssSelector("#measure-ipt-sessions-attended tbody tr td.score"))
                    .getText()).isEqualTo("9");
            assertThat(browser.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll())
                    .as("script or CSP errors").noneMatch(e -> e.getLevel() == java.util.logging.Level.SEVERE);
            browser.screenshot("panel-service-outcomes", 2600);

            browser.driver.findElement(By.id("service-csv")).click();
            Path csv = downloads.resolve("rapport-outcomes-2026.csv");
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(30))
                    .until(d -> Files.exists(csv));
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.get(0)).isEqualTo("measure,quarter,periodStart,periodEnd,initial-population,denominator,"
                    + "denominator-exclusion,numerator,measure-population,measure-observation,score");
            assertThat(lines).hasSize(1 + 9 * 4)
                    .contains("ipt-response,2026 Q1,2026-01-01,2026-03-31,6,4,,3,,,0.75",
                            "ipt-session-feedback,2026 Q1,2026-01-01,2026-03-31,74,74,,43,,,0.5811",
                            "ipt-sessions-attended,2026 Q1,2026-01-01,2026-03-31,8,,,,8,8,9");
        } finally {
            try (Stream<Path> files = Files.walk(downloads)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
