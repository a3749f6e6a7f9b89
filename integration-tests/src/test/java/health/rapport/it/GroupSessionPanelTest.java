package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.ehr.SandboxEhr;
import health.rapport.sandbox.ehr.SmartAuthorizer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.StringType;
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
 * group's Encounter and each member's own session. The form works with a token that reaches every member: the
 * one the EHR issues when it launches the panel for the group (SMART 2 fhirContext), as the group's clinician,
 * limited to the patients that clinician cares for. A patient's launch still reaches only that patient, and a
 * clinician who does not care for every member is refused with nothing written. A member then leaves the group
 * from the same area. The form's choices of work, like the session record's, list the patient's planned work
 * first.
 */
@ExtendWith(SandboxExtension.class)
class GroupSessionPanelTest {

    private static final String BASE = "https://rapport-ipt.org/fhir";

    @Test
    void theGroupsClinicianRecordsASessionForEveryMemberFromTheEhrsGroupLaunch(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String lead = ehr.newPractitioner();
        String groupId = FormatsTest.createGroup(ehr, "it-" + UUID.randomUUID(), lead, ehr.newPractitioner())
                .getIdElement().getIdPart();
        String a = ehr.newPatient();
        String b = ehr.newPatient();
        for (String member : List.of(a, b)) {
            FormatsTest.enrolInGroup(ehr, member, groupId, lead);
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

            // A launch from one patient's chart reaches that patient's compartment only: the Group and the other member
            // are out of its reach, so the form lists no one and the save is refused; nothing at all is written.
            assertThat(browser.driver.findElements(By.cssSelector("#group-members select"))).isEmpty();
            ((JavascriptExecutor) browser.driver).executeScript(
                    "document.getElementById('group-date').value = '2026-11-24T17:00';");
            save(browser);
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Not done"));
            assertThat(ehr.count("Encounter?subject=Group/" + groupId)).isZero();
            assertThat(ehr.count("Encounter?subject=Patient/" + a)).isZero();
            // The operation itself, with that launch's token and both members named, is refused by the EHR.
            String patientToken = sandbox.fhirServer().ehr().authorizer().grantsFor(a).stream()
                    .filter(g -> SandboxEhr.PANEL_CLIENT_ID.equals(g.clientId())).findFirst().orElseThrow().accessToken();
            HttpResponse<String> refused = ehr.operationAs(patientToken, "Group/" + groupId + "/$ipt-record-group-session",
                    everyoneAttended(a, b));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(ehr.count("Encounter?subject=Group/" + groupId)).isZero();

            // The EHR's launch for the group: from its list of groups, as the group's clinician.
            browser.open(sandbox.ehrUrl());
            browser.driver.findElement(By.cssSelector("a.group-launch[href='/ehr/launch?group=" + groupId + "']")).click();
            openedGroup(browser);
            section = browser.driver.findElement(By.id("group-session"));
            assertThat(browser.driver.findElement(By.id("patient-name")).getText()).isEqualTo("Tuesday IPT group");
            // Only the group's part of the page: no patient's course, measures or notes.
            assertThat(browser.driver.findElement(By.id("course")).isDisplayed()).isFalse();
            assertThat(browser.driver.findElement(By.id("process-notes")).isDisplayed()).isFalse();
            assertThat(browser.driver.findElements(By.cssSelector("#group-members select")))
                    .extracting(s -> s.getAttribute("data-member")).containsExactlyInAnyOrder(a, b);
            assertThat(browser.driver.findElement(By.id("group-session-list")).getText()).contains("No group session recorded yet");
            fill(browser, b);
            save(browser);
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Group session recorded"));
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("group-session-list"), "Held"));
            assertThat(browser.driver.findElement(By.id("group-session-list")).getText()).contains("2026-11-24").contains("90 min");
            ((JavascriptExecutor) browser.driver).executeScript("window.scrollTo(0, 0)");
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
        // The session was written with the clinician's own token from the group launch, never the EHR's whole-record one.
        SmartAuthorizer.Grant grant = groupLaunchGrant(sandbox, lead);
        assertThat(grant.careRelationship()).isTrue();
        assertThat(grant.patient()).isNull();
        assertThat(grant.requests()).anySatisfy(r -> assertThat(r).startsWith("POST").contains("Patient/" + a)
                .contains("Patient/" + b));

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
    void aClinicianWhoDoesNotCareForEveryMemberIsRefusedAndNothingIsWritten(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String lead = ehr.newPractitioner();
        String colleague = ehr.newPractitioner();
        String groupId = FormatsTest.createGroup(ehr, "it-" + UUID.randomUUID(), lead, colleague).getIdElement().getIdPart();
        String a = ehr.newPatient();
        String b = ehr.newPatient();
        FormatsTest.enrolInGroup(ehr, a, groupId, lead);
        // B's course is the colleague's: the EHR does not let the lead's token reach B's record.
        FormatsTest.enrolInGroup(ehr, b, groupId, colleague);

        try (PanelBrowser browser = new PanelBrowser()) {
            browser.open(sandbox.ehrUrl() + "launch?group=" + groupId);
            openedGroup(browser);
            assertThat(browser.driver.findElements(By.cssSelector("#group-members select"))).hasSize(2);
            fill(browser, b);
            save(browser);
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Not done"));
            assertThat(browser.driver.findElement(By.id("status")).getText()).contains("Patient/" + b)
                    .contains("Nothing was written");
            ((JavascriptExecutor) browser.driver).executeScript("window.scrollTo(0, 0)");
            browser.screenshot("panel-group-session-refused", 500);
        }
        // The operation answers 403 with an OperationOutcome to the lead's own user-level token too.
        String token = sandbox.fhirServer().ehr().authorizer().issueForClinician("Practitioner/" + lead,
                "openid fhirUser user/Group.ru user/CarePlan.rus user/EpisodeOfCare.cru user/Encounter.crus "
                        + "user/Procedure.crus user/Provenance.c", java.time.Duration.ofMinutes(5)).accessToken();
        HttpResponse<String> refused = ehr.operationAs(token, "Group/" + groupId + "/$ipt-record-group-session",
                everyoneAttended(a, b));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(Json.parse(refused.body()).path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(refused.body()).contains("Patient/" + b);
        assertThat(ehr.count("Encounter?subject=Group/" + groupId)).isZero();
        assertThat(ehr.count("Encounter?subject=Patient/" + a)).isZero();
        assertThat(ehr.count("Procedure?subject=Patient/" + a)).isZero();
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

    /** A group session's parameters with every one of {@code members} present. */
    private static Parameters everyoneAttended(String... members) {
        Parameters session = new Parameters().addParameter("date", new DateTimeType("2026-11-24T17:00:00Z"));
        for (String member : members) {
            session.addParameter("attended", new StringType("Patient/" + member));
        }
        return session;
    }

    /** Waits until the panel the EHR launched for a group shows the group and its form's choices. */
    private static void openedGroup(PanelBrowser browser) {
        try {
            browser.waiting().until(d -> d.getCurrentUrl().contains("/app/index.html") && !d.getCurrentUrl().contains("code=")
                    && d.findElement(By.id("group-session")).isDisplayed() && !d.findElements(By.id("group-work-role-play")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the group did not open at " + browser.driver.getCurrentUrl() + ": "
                    + browser.driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** The grant of the panel's group launch as {@code clinician} (the sandbox EHR's token log). */
    private static SmartAuthorizer.Grant groupLaunchGrant(Sandbox sandbox, String clinician) {
        return sandbox.fhirServer().ehr().authorizer().grantsOf(SandboxEhr.PANEL_CLIENT_ID).stream()
                .filter(g -> ("Practitioner/" + clinician).equals(g.fhirUser())).findFirst().orElseThrow();
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
