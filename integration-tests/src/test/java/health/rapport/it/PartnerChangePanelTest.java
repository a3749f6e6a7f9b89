package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.ehr.SandboxEhr;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A conjoint course's partner changed in the panel (headless Chromium, the EHR's SMART launch): the course shows
 * its partner, "Change partner…" offers the patient's other RelatedPersons, a refusal (the chosen person was
 * removed from the record meanwhile) shows the server's words and writes nothing, and the change then names the
 * new partner on the course, with its Provenance by the launching clinician; the session list keeps the earlier
 * session's partner and names the new one on the sessions after.
 */
@ExtendWith(SandboxExtension.class)
class PartnerChangePanelTest {

    private static final String BASE = "https://rapport-ipt.org/fhir";

    @Test
    void aClinicianChangesTheConjointPartnerAndEarlierSessionsKeepWhoWasThere(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String daniel = FormatsTest.relatedPerson(ehr, patient, "HUSB", "husband", "Daniel");
        String ana = FormatsTest.relatedPerson(ehr, patient, "WIFE", "wife", "Ana");
        String sam = FormatsTest.relatedPerson(ehr, patient, "FRND", "unrelated friend", "Sam");
        FormatsTest.roleDispute(ehr, patient);
        HttpResponse<String> enrolled = FormatsTest.enrol(ehr, patient, "conjoint", "partner", "RelatedPerson/" + daniel);
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
        CarePlan plan = Fhir.parse(CarePlan.class, enrolled.body());
        String planId = plan.getIdElement().getIdPart();
        SessionsTest.recorded(ehr, planId, SessionsTest.session("2026-11-02T09:00:00Z", FormatsTest.ATTENDED, 60,
                FormatsTest.IN_PERSON, "with-daniel").addParameter("partnerPresent", new BooleanType(true)));
        String episodeVersion = FormatsTest.episode(ehr, plan).getMeta().getVersionId();

        try (PanelBrowser browser = new PanelBrowser()) {
            browser.launch(sandbox, patient);
            WebElement partner = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("course-partner")));
            assertThat(partner.getText()).isEqualTo("Daniel (husband)");
            assertThat(browser.driver.findElement(By.id("session-list")).getText()).contains("conjoint with Daniel");
            browser.driver.findElement(By.cssSelector("#partner-change summary")).click();
            Select choice = new Select(browser.driver.findElement(By.id("partner-choice")));
            assertThat(choice.getOptions()).extracting(WebElement::getText)
                    .containsExactlyInAnyOrder("Ana (wife)", "Sam (unrelated friend)");

            // The person chosen is removed from the record before the change is sent: refused in the server's words.
            choice.selectByValue(sam);
            ehr.record.delete().resourceById("RelatedPerson", sam).execute();
            change(browser);
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Not done"));
            assertThat(browser.driver.findElement(By.id("status")).getText())
                    .contains("RelatedPerson/" + sam + " does not exist");
            assertThat(FormatsTest.episode(ehr, plan).getMeta().getVersionId()).as("nothing written").isEqualTo(episodeVersion);

            choice.selectByValue(ana);
            change(browser);
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "The partner is now Ana"));
            browser.waiting().until(ExpectedConditions.textToBe(By.id("course-partner"), "Ana (wife)"));
            assertThat(browser.driver.findElement(By.id("course-format")).getText()).endsWith("with Ana");
            // The form closes once done (its text is not shown); the choices are the other people still recorded.
            assertThat(new Select(browser.driver.findElement(By.id("partner-choice"))).getOptions())
                    .extracting(o -> o.getAttribute("textContent")).containsExactly("Daniel (husband)");

            // The next session (the session record, or another system) takes part with the new partner.
            SessionsTest.recorded(ehr, planId, SessionsTest.session("2026-11-09T09:00:00Z", FormatsTest.ATTENDED, 60,
                    FormatsTest.IN_PERSON, "with-ana").addParameter("partnerPresent", new BooleanType(true)));
            browser.driver.navigate().refresh();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("session-list"), "Session 2"));
            List<String> rows = browser.driver.findElements(By.cssSelector("#session-list li")).stream()
                    .map(WebElement::getText).toList();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).startsWith("Session 1 · 2026-11-02").contains("conjoint with Daniel");
            assertThat(rows.get(1)).startsWith("Session 2 · 2026-11-09").contains("conjoint with Ana");
            WebElement course = browser.driver.findElement(By.id("course"));
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", course);
            browser.driver.findElement(By.cssSelector("#partner-change summary")).click();
            browser.screenshot("panel-partner-change", 900);
        }

        EpisodeOfCare episode = FormatsTest.episode(ehr, plan);
        assertThat(((Reference) episode.getExtensionByUrl(BASE + "/StructureDefinition/conjoint-partner").getValue())
                .getReference()).isEqualTo("RelatedPerson/" + ana);
        assertThat(Fhir.errors(episode)).isEmpty();
        String episodeRef = "EpisodeOfCare/" + episode.getIdElement().getIdPart();
        // The change names the signed-in clinician (from the EHR's verified id_token).
        assertThat(ehr.all("Provenance?target=" + episodeRef, Provenance.class))
                .filteredOn(p -> p.getMeta().getTag().stream().anyMatch(t -> t.getCode() != null && t.getCode().startsWith("partner/")))
                .singleElement().satisfies(p -> {
                    assertThat(p.getAgent()).anySatisfy(a -> assertThat(a.getWho().getReference())
                            .isEqualTo(SandboxEhr.PRACTITIONER));
                    assertThat(Fhir.errors(p)).isEmpty();
                });
    }

    /** Presses "Change partner" and confirms. */
    private static void change(PanelBrowser browser) {
        browser.driver.findElement(By.id("partner-save")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        browser.driver.findElement(By.id("confirm-ok")).click();
    }
}
