package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import java.util.List;
import java.util.UUID;
import java.net.http.HttpResponse;
import java.util.Date;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Parameters;
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
 * and nowhere else on the page. A note is corrected in its form and a rupture withdrawn as recorded in error.
 */
@ExtendWith(SandboxExtension.class)
class ProcessPanelTest {

    private static final List<String> OTHER_SECTIONS = List.of("patient-header", "safety-banner", "safety-notice",
            "course", "forms", "measures", "goals", "interventions");

    @Test
    void ruptureRepairAndNoteAreWrittenAndShownOnlyInThePrivateArea(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String plan = EnrollmentTest.enrol(ehr, patient).getIdPart();
        String session = attendedSession(ehr, plan);
        // A drop in the alliance: the warning leads to the rupture record.
        AllianceTest.feedback(ehr, patient, "2026-11-02T10:50:00Z", "completely", "completely", "mostly");
        AllianceTest.feedback(ehr, patient, "2026-11-09T10:50:00Z", "completely", "completely", "completely");
        AllianceTest.feedback(ehr, patient, "2026-11-16T10:50:00Z", "mostly", "somewhat", "mostly");
        String ruptureNote = "Went quiet when the role play came up " + UUID.randomUUID();
        String processNote = "I felt I was rushing her " + UUID.randomUUID();

        try (PanelBrowser browser = new PanelBrowser()) {
            browser.launch(sandbox, patient);
            WebElement area = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("process-notes")));
            assertThat(area.getText()).contains("PSYTHPN · private, never shared", "No ruptures recorded.",
                    "No session notes written.");
            WebElement toRecord = browser.driver.findElement(By.id("alliance-record-rupture"));
            assertThat(browser.driver.findElement(By.id("alliance-warning")).getText())
                    .contains("Possible alliance rupture");
            toRecord.click();
            assertThat(browser.driver.getCurrentUrl()).endsWith("#rupture-form");
            assertThat(browser.driver.findElement(By.id("rupture-record")).getAttribute("open")).isNotNull();

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
                    "Link to interpersonal patterns", "Session 1", "Encounter/" + session);
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

    @Test
    void aNoteIsCorrectedAndARuptureWithdrawnInThePrivateArea(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String session = attendedSession(ehr, EnrollmentTest.enrol(ehr, patient).getIdPart());
        String rupture = Fhir.parse(org.hl7.fhir.r4.model.Observation.class, ehr.operation("Encounter/" + session
                + "/$ipt-record-rupture", ProcessEventsTest.rupture("withdrawal", "unresolved")).body()).getIdElement().getIdPart();
        String note = Fhir.parse(org.hl7.fhir.r4.model.DocumentReference.class, ehr.operation("Encounter/" + session
                + "/$ipt-record-process-note", new Parameters().addParameter("text",
                        new org.hl7.fhir.r4.model.StringType("first draft"))).body()).getIdElement().getIdPart();
        String corrected = "second thoughts " + UUID.randomUUID();

        try (PanelBrowser browser = new PanelBrowser()) {
            browser.launch(sandbox, patient);
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("session-note-list"), "first draft"));
            browser.driver.findElement(By.id("note-correct-" + note)).click();
            WebElement text = browser.driver.findElement(By.id("note-text"));
            assertThat(text.getAttribute("value")).isEqualTo("first draft");
            text.clear();
            text.sendKeys(corrected);
            assertThat(browser.driver.findElement(By.id("note-save")).getText()).isEqualTo("Save correction (private)");
            browser.driver.findElement(By.id("note-save")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("session-note-list"), corrected));
            assertThat(browser.driver.findElement(By.id("session-note-list")).getText()).contains("corrected")
                    .doesNotContain("first draft");
            assertThat(browser.driver.findElement(By.id("note-save")).getText()).isEqualTo("Save note (private)");

            browser.driver.findElement(By.id("rupture-withdraw-" + rupture)).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
            browser.driver.findElement(By.id("confirm-ok")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("rupture-list"),
                    "No ruptures recorded."));
            assertThat(browser.driver.findElement(By.id("status")).getText()).contains("withdrawn");
        }
        assertThat(ehr.record.read().resource(org.hl7.fhir.r4.model.Observation.class).withId(rupture).execute().getStatus())
                .isEqualTo(org.hl7.fhir.r4.model.Observation.ObservationStatus.ENTEREDINERROR);
        org.hl7.fhir.r4.model.DocumentReference stored = ehr.record.read().resource(org.hl7.fhir.r4.model.DocumentReference.class)
                .withId(note).execute();
        assertThat(stored.getDocStatus()).isEqualTo(org.hl7.fhir.r4.model.DocumentReference.ReferredDocumentStatus.AMENDED);
        assertThat(stored.getMeta().getSecurity()).extracting(Coding::getCode).contains("PSYTHPN");
    }

    /** Session 1 of the course, attended, recorded with Rapport's session operation: its Encounter. */
    private static String attendedSession(Ehr ehr, String plan) {
        HttpResponse<String> recorded = ehr.operation("CarePlan/" + plan + "/$ipt-record-session", new Parameters()
                .addParameter("date", new DateTimeType(new Date()))
                .addParameter("attendance", new Coding(ProcessEventsTest.BASE + "/CodeSystem/session-attendance",
                        "attended", null)));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
        return Fhir.parse(Parameters.class, recorded.body()).getParameter().stream()
                .filter(p -> "session".equals(p.getName())).findFirst().orElseThrow()
                .getResource().getIdElement().getIdPart();
    }
}
