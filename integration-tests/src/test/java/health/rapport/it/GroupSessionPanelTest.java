package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Procedure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A group session recorded in the panel (headless Chromium) in one form: each member's attendance, when, how
 * long, how it was held and the work done, saved with one call (one transaction); the record then holds the
 * group's Encounter and each member's own session. A member then leaves the group from the same area. The form's choices of work, like the session record's, list
 * the patient's planned work first.
 */
@ExtendWith(SandboxExtension.class)
class GroupSessionPanelTest {

    private static final String BASE = "https://rapport-ipt.org/fhir";

    @Test
    void aClinicianRecordsAGroupSessionForEveryMemberInOneForm(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String groupId = FormatsTest.createGroup(ehr, "it-" + UUID.randomUUID(), ehr.newPractitioner(), ehr.newPractitioner())
                .getIdElement().getIdPart();
        String a = ehr.newPatient();
        String b = ehr.newPatient();
        for (String member : List.of(a, b)) {
            HttpResponse<String> enrolled = FormatsTest.enrol(ehr, member, "group", "group", "Group/" + groupId);
            assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
        }
        List<String> planned = planned(ehr, a, BASE + "/CodeSystem/ipt-task");
        assertThat(planned).isNotEmpty();

        try (PanelBrowser browser = new PanelBrowser()) {
            browser.launch(sandbox, a);
            WebElement section = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("group-session")));
            section.findElement(By.cssSelector("#group-record summary")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("group-work-role-play")));
            // The plan's tasks still to do come first among the choices.
            String firstTask = browser.driver.findElement(By.cssSelector("#group-work fieldset:first-child input")).getAttribute("value");
            assertThat(planned).contains(firstTask);

            // The launch's token reaches this patient's compartment only: the Group and the other member are out of
            // its reach, so the form lists no one and the save is refused; nothing at all is written.
            assertThat(browser.driver.findElements(By.cssSelector("#group-members select"))).isEmpty();
            ((JavascriptExecutor) browser.driver).executeScript(
                    "document.getElementById('group-date').value = '2026-11-24T17:00';");
            save(browser);
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Not done"));
            assertThat(ehr.count("Encounter?subject=Group/" + groupId)).isZero();
            assertThat(ehr.count("Encounter?subject=Patient/" + a)).isZero();

            // An EHR that gives the clinician's token the reach of the whole group (here: the sandbox EHR's own clinician
            // token, as an EHR granting user-level access would) lets the same form record it.
            ((JavascriptExecutor) browser.driver).executeScript("const s = JSON.parse(sessionStorage.getItem("
                    + "'rapport.smart.session')); s.accessToken = arguments[0]; s.idToken = null;"
                    + " sessionStorage.setItem('rapport.smart.session', JSON.stringify(s));", Http.defaultToken());
            browser.driver.navigate().refresh();
            section = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("group-session")));
            section.findElement(By.cssSelector("#group-record summary")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("group-work-role-play")));
            assertThat(section.getText()).contains("Tuesday IPT group");
            fill(browser, b);
            save(browser);
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Group session recorded"));
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("session-list"), "Session 1"));
            String sessions = browser.driver.findElement(By.id("session-list")).getText();
            assertThat(sessions).contains("group session").contains("90 min").contains("Role play");
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", section);
            section.findElement(By.cssSelector("#group-record summary")).click();
            browser.screenshot("panel-group-session", 1000);

            // B leaves the group; their own course goes on individually.
            section.findElement(By.cssSelector("#group-leave summary")).click();
            new Select(browser.driver.findElement(By.id("leave-member"))).selectByValue(b);
            new Select(browser.driver.findElement(By.id("leave-course"))).selectByValue("continue");
            browser.driver.findElement(By.id("leave-save")).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
            browser.driver.findElement(By.id("confirm-ok")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "has left the group"));
            assertThat(new Select(browser.driver.findElement(By.id("leave-member"))).getOptions())
                    .extracting(o -> o.getAttribute("value")).containsExactly(a);
        }
        org.hl7.fhir.r4.model.Group group = ehr.record.read().resource(org.hl7.fhir.r4.model.Group.class).withId(groupId).execute();
        assertThat(group.getMember()).filteredOn(m -> m.getEntity().getReference().equals("Patient/" + b)).singleElement()
                .satisfies(m -> assertThat(m.getInactive()).isTrue());
        assertThat(Fhir.errors(group)).isEmpty();
        assertThat(ehr.all("CarePlan?subject=Patient/" + b + "&status=active", CarePlan.class)).hasSize(1);
        List<Encounter> groupSessions = ehr.all("Encounter?subject=Group/" + groupId, Encounter.class);
        assertThat(groupSessions).singleElement().satisfies(e -> {
            assertThat(e.getClass_().getCode()).isEqualTo("VR");
            assertThat(e.getLength().getValue().intValue()).isEqualTo(90);
            assertThat(Fhir.errors(e)).isEmpty();
        });
        String groupEncounter = groupSessions.get(0).getIdElement().getIdPart();
        assertThat(ehr.all("Encounter?subject=Patient/" + a + "&part-of=Encounter/" + groupEncounter, Encounter.class))
                .singleElement().satisfies(e -> assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED));
        assertThat(ehr.all("Encounter?subject=Patient/" + b + "&part-of=Encounter/" + groupEncounter, Encounter.class))
                .singleElement().satisfies(e -> assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.CANCELLED));
        assertThat(ehr.all("Procedure?subject=Patient/" + a, Procedure.class)).singleElement()
                .satisfies(p -> assertThat(p.getCode().getCodingFirstRep().getCode()).isEqualTo("role-play"));
        assertThat(ehr.count("Procedure?subject=Patient/" + b)).isZero();
    }

    @Test
    void theSessionRecordListsThePlansWorkFirstForEachPatient(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        CarePlan plan = EnrollmentTest.enrol(ehr, patient);
        String system = BASE + "/CodeSystem/ipt-task";
        List<String> planned = planned(ehr, patient, system);
        assertThat(planned).isNotEmpty();

        List<String> forPatient = taskCodes(Http.get(sandbox.rapportUrl() + "/app/api/forms/session-record?patient=" + patient));
        List<String> shipped = taskCodes(Http.get(sandbox.rapportUrl() + "/app/api/forms/session-record"));
        assertThat(forPatient).containsExactlyInAnyOrderElementsOf(shipped);
        assertThat(forPatient.subList(0, planned.size())).containsExactlyInAnyOrderElementsOf(planned);
        assertThat(new java.util.HashSet<>(shipped.subList(0, planned.size())))
                .as("the plan's tasks are not simply the first ones shipped").isNotEqualTo(new java.util.HashSet<>(planned));
        assertThat(plan.getIdPart()).isNotBlank();
        assertThat(Http.get(sandbox.rapportUrl() + "/app/api/forms/session-record?patient=no%20such").statusCode()).isEqualTo(400);
    }

    /** One group session: when, how long, by video, {@code absent} did not attend, role play done. */
    private static void fill(PanelBrowser browser, String absent) {
        ((JavascriptExecutor) browser.driver).executeScript(
                "document.getElementById('group-date').value = '2026-11-24T17:00';");
        WebElement minutes = browser.driver.findElement(By.id("group-minutes"));
        minutes.clear();
        minutes.sendKeys("90");
        new Select(browser.driver.findElement(By.id("group-modality"))).selectByValue("video");
        new Select(browser.driver.findElement(By.id("attendance-" + absent))).selectByValue("didNotAttend");
        WebElement rolePlay = browser.driver.findElement(By.id("group-work-role-play"));
        if (!rolePlay.isSelected()) {
            rolePlay.click();
        }
    }

    private static void save(PanelBrowser browser) {
        browser.driver.findElement(By.id("group-save")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        browser.driver.findElement(By.id("confirm-ok")).click();
    }

    /** The codes of {@code system} among the patient's open plan's activities still to do. */
    private static List<String> planned(Ehr ehr, String patient, String system) {
        CarePlan plan = ehr.all("CarePlan?subject=Patient/" + patient + "&status=active", CarePlan.class).get(0);
        return plan.getActivity().stream()
                .filter(x -> !List.of(CarePlan.CarePlanActivityStatus.COMPLETED, CarePlan.CarePlanActivityStatus.CANCELLED,
                        CarePlan.CarePlanActivityStatus.STOPPED).contains(x.getDetail().getStatus()))
                .flatMap(x -> x.getDetail().getCode().getCoding().stream()).filter(c -> system.equals(c.getSystem()))
                .map(Coding::getCode).distinct().toList();
    }

    private static List<String> taskCodes(HttpResponse<String> form) {
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        JsonNode items = Json.parse(form.body()).path("item");
        JsonNode tasks = StreamSupport.stream(items.spliterator(), false).filter(i -> "tasks".equals(i.path("linkId").asText()))
                .findFirst().orElseThrow();
        return StreamSupport.stream(tasks.path("answerOption").spliterator(), false)
                .map(o -> o.path("valueCoding").path("code").asText()).toList();
    }
}
