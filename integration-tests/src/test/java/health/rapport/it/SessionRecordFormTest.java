package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Procedure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A clinician records a session in the panel (headless Chromium, LHC-Forms): the form is saved and
 * processed, the course page lists the session with its number, how it was held and what was done,
 * and the record holds the Encounter and the Procedure.
 */
@ExtendWith(SandboxExtension.class)
class SessionRecordFormTest {

    @Test
    void aClinicianRecordsASessionAndSeesItOnTheCourse(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        try (PanelBrowser browser = new PanelBrowser()) {
            PanelForms forms = new PanelForms(browser);
            browser.launch(sandbox, patient);
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("session-list"),
                    "No sessions recorded yet"));
            forms.open("session-record");
            WebElement when = browser.waiting().until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("nz-date-picker[id='session-date/1'] input")));
            when.click();
            when.sendKeys("11/16/2026 09:00:00", Keys.ENTER);
            forms.pick("attendance/1", "Attended");
            forms.type("minutes/1", "50");
            forms.pick("modality/1", "Video");
            forms.pick("techniques/1", "Clarification");
            forms.save();
            assertThat(forms.status()).contains("Saved and processed");

            forms.backToCourse();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("session-list"), "Session 1"));
            String sessions = browser.driver.findElement(By.id("session-list")).getText();
            assertThat(sessions).contains("Session 1 · 2026-11-16").contains("Video").contains("50 min")
                    .contains("Done: Clarification");
            assertThat(browser.driver.findElement(By.id("session-progress")).getText()).startsWith("Session 2 of 16");
            browser.screenshot("panel-sessions", 1400);
        }
        assertThat(ehr.all("Encounter?subject=Patient/" + patient, Encounter.class)).singleElement()
                .satisfies(e -> assertThat(e.getClass_().getCode()).isEqualTo("VR"));
        assertThat(ehr.all("Procedure?subject=Patient/" + patient, Procedure.class)).singleElement()
                .satisfies(p -> assertThat(p.getCode().getCodingFirstRep().getCode()).isEqualTo("clarification"));
    }
}
