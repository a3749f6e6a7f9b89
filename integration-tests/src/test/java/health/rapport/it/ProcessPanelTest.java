package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The panel's private area in headless Chromium: a clinician records a rupture and its repair and writes a
 * process note for a session with the private area's own forms; both are shown there, labelled private,
 * and nowhere else on the page.
 */
@ExtendWith(SandboxExtension.class)
class ProcessPanelTest {

    private static final List<String> OTHER_SECTIONS = List.of("patient-header", "safety-banner", "safety-notice",
            "course", "forms", "measures", "goals", "interventions");

    @Test
    void ruptureRepairAndNoteAreWrittenAndShownOnlyInThePrivateArea(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        String session = ProcessEventsTest.session(ehr, patient, Encounter.EncounterStatus.FINISHED);
        String ruptureNote = "Went quiet when the role play came up " + UUID.randomUUID();
        String processNote = "I felt I was rushing her " + UUID.randomUUID();

        try (PanelBrowser browser = new PanelBrowser()) {
            browser.launch(sandbox, patient);
            WebElement area = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("process-notes")));
            assertThat(area.getText()).contains("PSYTHPN · private, never shared", "No ruptures recorded.",
                    "No session notes written.");

            area.findElement(By.cssSelector("#rupture-record summary")).click();
            assertThat(new Select(browser.driver.findElement(By.id("rupture-session"))).getFirstSelectedOption()
                    .getAttribute("value")).isEqualTo(session);
            new Select(browser.driver.findElement(By.id("rupture-marker"))).selectByValue("confrontation");
            browser.driver.findElement(By.id("strategy-clarify-misunderstanding")).click();
            browser.driver.findElement(By.id("strategy-link-to-interpersonal-patterns")).click();
            new Select(browser.driver.findElement(By.id("rupture-resolution"))).selectByValue("resolved");
            browser.driver.findElement(By.id("rupture-note")).sendKeys(ruptureNote);
            browser.driver.findElement(By.id("rupture-save")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("rupture-list"), ruptureNote));

            area.findElement(By.cssSelector("#note-record summary")).click();
            browser.driver.findElement(By.id("note-text")).sendKeys(processNote);
            browser.driver.findElement(By.id("note-save")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("session-note-list"),
                    processNote));

            String rupture = browser.driver.findElement(By.id("rupture-list")).getText();
            assertThat(rupture).contains("Confrontation → Resolved", "Clarify a misunderstanding",
                    "Link to interpersonal patterns", "Encounter/" + session);
            assertThat(browser.driver.findElement(By.id("status")).getText()).contains("private, never shared");
            for (String section : OTHER_SECTIONS) {
                String text = browser.driver.findElement(By.id(section)).getText();
                assertThat(text).as(section).doesNotContain(ruptureNote).doesNotContain(processNote)
                        .doesNotContain("Confrontation").doesNotContain("Clarify a misunderstanding");
            }
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", area);
            browser.screenshot("panel-private-area", 900);
        }
        assertThat(ehr.count(ProcessEventsTest.PROCESS_EVENTS + "&subject=Patient/" + patient)).isEqualTo(1);
        assertThat(ehr.count(ProcessEventsTest.PROCESS_NOTES + "&subject=Patient/" + patient)).isEqualTo(1);
    }
}
