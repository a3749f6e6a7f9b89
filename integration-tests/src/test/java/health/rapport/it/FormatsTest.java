package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conjoint and group IPT through the real host: enrolment in each format (and its refusals), a conjoint
 * session with and without the partner, an IPT group created, three members enrolled and one group
 * session recorded in one call — one transaction, each member's own session numbered from their own
 * attendance — with every written resource valid against its profile; each member's safety signal and
 * export stay their own.
 */
@ExtendWith(SandboxExtension.class)
class FormatsTest {

    private static final String BASE = "https://rapport-ipt.org/fhir";
    static final Coding ATTENDED = new Coding(BASE + "/CodeSystem/session-attendance", "attended", null);
    static final Coding IN_PERSON = new Coding(BASE + "/CodeSystem/session-modality", "in-person", null);
    private static final Coding COMMUNICATION_ANALYSIS = new Coding(BASE + "/CodeSystem/ipt-technique", "communication-analysis", null);
    private static final Coding ROLE_PLAY = new Coding(BASE + "/CodeSystem/ipt-technique", "role-play", null);

    @Test
    void aConjointCourseNamesThePartnerAndItsSessionsSayWhetherThePartnerCame(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String partner = relatedPerson(ehr, patient, "HUSB", "Daniel");
        String someoneElses = relatedPerson(ehr, ehr.newPatient(), "WIFE", "Ana");

        // No role dispute recorded yet: conjoint IPT is refused, and nothing is written.
        EnrollmentTest.assertRefused(enrol(ehr, patient, "conjoint", "partner", "RelatedPerson/" + partner), 422, "role dispute");
        roleDispute(ehr, patient);
        EnrollmentTest.assertRefused(enrol(ehr, patient, "conjoint", "partner", "RelatedPerson/" + someoneElses), 422,
                "is not a related person of Patient/" + patient);
        EnrollmentTest.assertRefused(enrol(ehr, patient, "conjoint", null, null), 400, "needs partner");
        EnrollmentTest.assertRefused(enrol(ehr, patient, "individual", "partner", "RelatedPerson/" + partner), 400,
                "only with format=conjoint");
        assertThat(ehr.count("CarePlan?subject=Patient/" + patient)).isZero();

        HttpResponse<String> enrolled = enrol(ehr, patient, "conjoint", "partner", "RelatedPerson/" + partner);
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
        CarePlan plan = Fhir.parse(CarePlan.class, enrolled.body());
        assertThat(plan.getInstantiatesCanonical().get(0).getValue()).startsWith(BASE + "/PlanDefinition/ipt-conjoint-course");
        assertThat(plan.getActivity()).extracting(a -> a.getDetail().getCode().getCodingFirstRep().getCode())
                .contains("conjoint-session", "communication-analysis", "clarify-nonreciprocal-expectations");
        EpisodeOfCare episode = episode(ehr, plan);
        assertThat(((Coding) episode.getExtensionByUrl(BASE + "/StructureDefinition/course-format").getValue()).getCode())
                .isEqualTo("conjoint");
        assertThat(((Reference) episode.getExtensionByUrl(BASE + "/StructureDefinition/conjoint-partner").getValue())
                .getReference()).isEqualTo("RelatedPerson/" + partner);
        assertThat(Fhir.errors(episode)).isEmpty();
        assertThat(Fhir.errors(ehr.record.read().resource(CarePlan.class).withId(plan.getIdElement().getIdPart()).execute())).isEmpty();
        // The same enrolment again answers the course; another format while it is open is a 409.
        assertThat(enrol(ehr, patient, "conjoint", "partner", "RelatedPerson/" + partner).statusCode()).isEqualTo(200);
        EnrollmentTest.assertRefused(enrol(ehr, patient, null, null, null), 409, "already has an open IPT course");

        String planId = plan.getIdElement().getIdPart();
        Encounter together = session(SessionsTest.recorded(ehr, planId, SessionsTest.session("2026-11-02T09:00:00Z", ATTENDED, 60,
                IN_PERSON, "c1").addParameter("partnerPresent", new BooleanType(true)).addParameter("delivered", COMMUNICATION_ANALYSIS)));
        assertThat(together.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("conjoint");
        assertThat(together.getParticipant()).extracting(p -> p.getIndividual().getReference()).contains("RelatedPerson/" + partner);
        Encounter alone = session(SessionsTest.recorded(ehr, planId, SessionsTest.session("2026-11-09T09:00:00Z", ATTENDED, 50,
                IN_PERSON, "c2").addParameter("partnerPresent", new BooleanType(false))));
        assertThat(alone.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("individual");
        assertThat(SessionsTest.number(alone)).isEqualTo(2);
        EnrollmentTest.assertRefused(ehr.operation("CarePlan/" + planId + "/$ipt-record-session",
                SessionsTest.session("2026-11-16T09:00:00Z", ATTENDED, 50, IN_PERSON, "c3")), 400, "partnerPresent");
        for (Encounter e : ehr.all("Encounter?subject=Patient/" + patient, Encounter.class)) {
            assertThat(Fhir.errors(e)).as(e.getIdElement().getIdPart()).isEmpty();
        }
        assertThat(ehr.count("Encounter?subject=Patient/" + patient)).isEqualTo(2);
    }

    @Test
    void aGroupSessionIsOneTransactionWithEachMembersOwnSessionAndEachMemberKeepsTheirOwnRecord(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String lead = ehr.newPractitioner();
        String second = ehr.newPractitioner();
        String key = "it-" + java.util.UUID.randomUUID();
        Group group = createGroup(ehr, key, lead, second);
        assertThat(Fhir.errors(group)).isEmpty();
        assertThat(createGroup(ehr, key, lead, second).getIdElement().getIdPart())
                .as("the key names one group").isEqualTo(group.getIdElement().getIdPart());
        String groupId = group.getIdElement().getIdPart();

        List<String> members = List.of(ehr.newPatient(), ehr.newPatient(), ehr.newPatient());
        Map<String, String> plans = new java.util.LinkedHashMap<>();
        for (String member : members) {
            HttpResponse<String> enrolled = enrol(ehr, member, "group", "group", "Group/" + groupId);
            assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
            CarePlan plan = Fhir.parse(CarePlan.class, enrolled.body());
            assertThat(plan.getInstantiatesCanonical().get(0).getValue()).startsWith(BASE + "/PlanDefinition/ipt-group-course");
            assertThat(plan.getActivity()).extracting(a -> a.getDetail().getCode().getCodingFirstRep().getCode())
                    .contains("pre-group-meeting", "mid-group-meeting", "post-group-meeting");
            assertThat(Fhir.errors(episode(ehr, plan))).isEmpty();
            plans.put(member, plan.getIdElement().getIdPart());
        }
        Group stored = ehr.record.read().resource(Group.class).withId(groupId).execute();
        assertThat(stored.getMember()).extracting(m -> m.getEntity().getReference())
                .containsExactlyInAnyOrderElementsOf(members.stream().map(m -> "Patient/" + m).toList());
        assertThat(Fhir.errors(stored)).isEmpty();
        EnrollmentTest.assertRefused(enrol(ehr, ehr.newPatient(), "group", "group", "Group/nope"), 422, "does not exist");

        String a = members.get(0);
        String b = members.get(1);
        String c = members.get(2);
        // Member A had the pre-group meeting alone: the group session is A's second, B's and C's first.
        SessionsTest.recorded(ehr, plans.get(a), SessionsTest.session("2026-11-02T09:00:00Z", ATTENDED, 50, IN_PERSON, "pre"));

        // A member left out, or a stranger named, is refused and nothing is written.
        int encountersBefore = ehr.count("Encounter?subject=Group/" + groupId);
        EnrollmentTest.assertRefused(ehr.operation("Group/" + groupId + "/$ipt-record-group-session",
                groupSession("g1").addParameter("attended", new StringType("Patient/" + a))
                        .addParameter("attended", new StringType("Patient/" + b))), 400, "Patient/" + c);
        assertThat(ehr.count("Encounter?subject=Group/" + groupId)).isEqualTo(encountersBefore);
        assertThat(ehr.count("Encounter?subject=Patient/" + b)).isZero();

        HttpResponse<String> answer = ehr.operation("Group/" + groupId + "/$ipt-record-group-session", groupSession("g1")
                .addParameter("attended", new StringType("Patient/" + a)).addParameter("attended", new StringType("Patient/" + b))
                .addParameter("didNotAttend", new StringType("Patient/" + c)).addParameter("delivered", ROLE_PLAY));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Parameters out = Fhir.parse(Parameters.class, answer.body());
        Encounter groupEncounter = (Encounter) out.getParameter().stream().filter(p -> p.getName().equals("groupSession"))
                .findFirst().orElseThrow().getResource();
        assertThat(groupEncounter.getSubject().getReference()).isEqualTo("Group/" + groupId);
        assertThat(groupEncounter.getParticipant()).extracting(p -> p.getIndividual().getReference())
                .contains("Practitioner/" + lead, "Practitioner/" + second);
        assertThat(Fhir.errors(groupEncounter)).isEmpty();
        String groupEncounterId = groupEncounter.getIdElement().getIdPart();

        Map<String, Encounter> own = members.stream().collect(Collectors.toMap(m -> m, m -> ehr.all(
                "Encounter?subject=Patient/" + m + "&part-of=Encounter/" + groupEncounterId, Encounter.class).get(0)));
        assertThat(SessionsTest.number(own.get(a))).isEqualTo(2);
        assertThat(SessionsTest.number(own.get(b))).isEqualTo(1);
        assertThat(SessionsTest.number(own.get(c))).isNull();
        assertThat(own.get(c).getStatus()).isEqualTo(Encounter.EncounterStatus.CANCELLED);
        own.values().forEach(e -> {
            assertThat(e.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("group");
            assertThat(Fhir.errors(e)).as(e.getIdElement().getIdPart()).isEmpty();
        });
        assertThat(ehr.count("Procedure?subject=Patient/" + b)).isEqualTo(1);
        assertThat(ehr.count("Procedure?subject=Patient/" + c)).isZero();
        // Sent again, the same record changes nothing.
        assertThat(ehr.operation("Group/" + groupId + "/$ipt-record-group-session", groupSession("g1")
                .addParameter("attended", new StringType("Patient/" + a)).addParameter("attended", new StringType("Patient/" + b))
                .addParameter("didNotAttend", new StringType("Patient/" + c)).addParameter("delivered", ROLE_PLAY)).statusCode())
                .isEqualTo(200);
        assertThat(ehr.count("Encounter?subject=Group/" + groupId)).isEqualTo(1);
        assertThat(ehr.count("Encounter?subject=Patient/" + b)).isEqualTo(1);

        // A's positive item 9 is A's alone: B's chart shows no safety card.
        ProcessingTest.process(ehr, ProcessingTest.store(ehr, Responses.phq9(a, new Date(), 2, 2, 2, 1, 1, 1, 1, 1, 2)));
        try (CdsCalls cds = new CdsCalls(sandbox)) {
            assertThat(indicators(cds.patientView(a))).contains("critical");
            assertThat(indicators(cds.patientView(b))).doesNotContain("critical");
        }

        // B's export names B alone: no other member, not the group, not the group's session.
        HttpResponse<String> export = ehr.get("Patient/" + b + "/$ipt-export");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).contains("Patient/" + b).doesNotContain("Patient/" + a + "\"").doesNotContain("Patient/" + c + "\"")
                .doesNotContain("Group/").doesNotContain("Encounter/" + groupEncounterId);
    }

    @Test
    void membersEnrollingAtTheSameMomentAllJoinTheGroup(Sandbox sandbox) throws Exception {
        Ehr ehr = new Ehr(sandbox);
        String groupId = createGroup(ehr, "it-" + java.util.UUID.randomUUID(), ehr.newPractitioner(), ehr.newPractitioner())
                .getIdElement().getIdPart();
        List<String> members = java.util.stream.IntStream.range(0, 6).mapToObj(i -> ehr.newPatient()).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(members.size());
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> calls = members.stream().map(m -> pool.submit(() -> {
                start.await();
                return enrol(ehr, m, "group", "group", "Group/" + groupId);
            })).toList();
            start.countDown();
            for (java.util.concurrent.Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> answer = call.get();
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        Group stored = ehr.record.read().resource(Group.class).withId(groupId).execute();
        assertThat(stored.getMember()).extracting(m -> m.getEntity().getReference())
                .containsExactlyInAnyOrderElementsOf(members.stream().map(m -> "Patient/" + m).toList());
        assertThat(stored.getQuantity()).isEqualTo(members.size());
        for (String member : members) {
            assertThat(ehr.count("CarePlan?subject=Patient/" + member)).as(member).isEqualTo(1);
        }
    }

    @Test
    void aMemberLeavesTheGroupAndTheirCourseGoesOnOrEnds(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String groupId = createGroup(ehr, "it-" + java.util.UUID.randomUUID(), ehr.newPractitioner(), ehr.newPractitioner())
                .getIdElement().getIdPart();
        String a = ehr.newPatient();
        String b = ehr.newPatient();
        String c = ehr.newPatient();
        Map<String, String> plans = new java.util.LinkedHashMap<>();
        for (String member : List.of(a, b, c)) {
            HttpResponse<String> enrolled = enrol(ehr, member, "group", "group", "Group/" + groupId);
            assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
            plans.put(member, Fhir.parse(CarePlan.class, enrolled.body()).getIdElement().getIdPart());
        }
        String path = "Group/" + groupId + "/$ipt-remove-member";
        assertThat(ehr.operation("Group/" + groupId + "/$ipt-record-group-session", groupSession("before")
                .addParameter("attended", new StringType("Patient/" + a)).addParameter("attended", new StringType("Patient/" + b))
                .addParameter("attended", new StringType("Patient/" + c))).statusCode()).isEqualTo(200);

        // Bad input: each a 4xx OperationOutcome, nothing written.
        EnrollmentTest.assertRefused(ehr.operation(path, leaving(a, "maybe")), 400, "course is 'continue'");
        EnrollmentTest.assertRefused(ehr.operation(path, leaving(a, "end")), 400, "course=end needs a reason");
        EnrollmentTest.assertRefused(ehr.operation(path, leaving(a, "continue").addParameter("reason",
                new Coding(BASE + "/CodeSystem/course-ending-reason", "ended-early-by-agreement", null))), 400, "course=end only");
        EnrollmentTest.assertRefused(ehr.operation(path, leaving("../x", "continue")), 400, "not a Patient reference");
        EnrollmentTest.assertRefused(ehr.operation(path, leaving(ehr.newPatient(), "continue")), 422, "not an active member");
        EnrollmentTest.assertRefused(ehr.operation("Group/nope/$ipt-remove-member", leaving(a, "continue")), 404, "does not exist");
        EnrollmentTest.assertRefused(ehr.operation(path, leaving(a, "continue").addParameter("date",
                new org.hl7.fhir.r4.model.DateType("2020-01-01"))), 400, "before Patient/" + a + " joined");
        assertThat(ehr.record.read().resource(Group.class).withId(groupId).execute().getMeta().getVersionId())
                .as("refusals write nothing").isEqualTo("4");

        // A leaves and goes on individually; C leaves and their course ends early by agreement.
        HttpResponse<String> left = ehr.operation(path, leaving(a, "continue"));
        assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
        HttpResponse<String> ended = ehr.operation(path, leaving(c, "end").addParameter("reason",
                new Coding(BASE + "/CodeSystem/course-ending-reason", "ended-early-by-agreement", null)));
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        Group group = ehr.record.read().resource(Group.class).withId(groupId).execute();
        assertThat(Fhir.errors(group)).isEmpty();
        assertThat(group.getQuantity()).isEqualTo(1);
        assertThat(group.getMember()).filteredOn(m -> m.getEntity().getReference().equals("Patient/" + a)).singleElement()
                .satisfies(m -> {
                    assertThat(m.getInactive()).isTrue();
                    assertThat(m.getPeriod().hasEnd()).isTrue();
                });
        CarePlan aPlan = ehr.record.read().resource(CarePlan.class).withId(plans.get(a)).execute();
        assertThat(aPlan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        EpisodeOfCare aEpisode = episode(ehr, aPlan);
        assertThat(((Coding) aEpisode.getExtensionByUrl(BASE + "/StructureDefinition/course-format").getValue()).getCode())
                .isEqualTo("individual");
        assertThat(Fhir.errors(aEpisode)).isEmpty();
        CarePlan cPlan = ehr.record.read().resource(CarePlan.class).withId(plans.get(c)).execute();
        assertThat(cPlan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.REVOKED);
        assertThat(episode(ehr, cPlan).getStatus()).isEqualTo(EpisodeOfCare.EpisodeOfCareStatus.FINISHED);
        assertThat(Fhir.errors(cPlan)).isEmpty();
        assertThat(ehr.count("Provenance?target=Group/" + groupId)).isGreaterThanOrEqualTo(3);

        // The group meets on without them; A's earlier group session stays as it was; A's own course goes on.
        EnrollmentTest.assertRefused(ehr.operation("Group/" + groupId + "/$ipt-record-group-session", groupSession("after")
                .addParameter("attended", new StringType("Patient/" + a)).addParameter("attended", new StringType("Patient/" + b))),
                422, "not an active member");
        assertThat(ehr.operation("Group/" + groupId + "/$ipt-record-group-session", groupSession("after")
                .addParameter("attended", new StringType("Patient/" + b))).statusCode()).isEqualTo(200);
        assertThat(ehr.all("Encounter?subject=Patient/" + a, Encounter.class)).singleElement()
                .satisfies(e -> assertThat(e.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("group"));
        Encounter individually = session(SessionsTest.recorded(ehr, plans.get(a),
                SessionsTest.session("2026-11-20T09:00:00Z", ATTENDED, 50, IN_PERSON, "own")));
        assertThat(individually.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("individual");
        assertThat(SessionsTest.number(individually)).isEqualTo(2);
        EnrollmentTest.assertRefused(ehr.operation(path, leaving(a, "continue")), 422, "not an active member");
    }

    @Test
    void aConjointCourseChangesPartnerAndEarlierSessionsKeepWhoWasThere(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        String first = relatedPerson(ehr, patient, "HUSB", "Daniel");
        String second = relatedPerson(ehr, patient, "WIFE", "Ana");
        roleDispute(ehr, patient);
        HttpResponse<String> enrolled = enrol(ehr, patient, "conjoint", "partner", "RelatedPerson/" + first);
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
        String planId = Fhir.parse(CarePlan.class, enrolled.body()).getIdElement().getIdPart();
        Parameters firstSession = SessionsTest.session("2026-11-02T09:00:00Z", ATTENDED, 60, IN_PERSON, "p1")
                .addParameter("partnerPresent", new BooleanType(true));
        Encounter before = session(SessionsTest.recorded(ehr, planId, firstSession));
        String path = "CarePlan/" + planId + "/$ipt-change-partner";

        EnrollmentTest.assertRefused(ehr.operation(path, new Parameters()), 400, "requires 'partner'");
        EnrollmentTest.assertRefused(ehr.operation(path, partner("Patient/" + patient)), 400, "not a RelatedPerson reference");
        EnrollmentTest.assertRefused(ehr.operation(path, partner("RelatedPerson/" + relatedPerson(ehr, ehr.newPatient(),
                "WIFE", "Someone"))), 422, "not a related person of Patient/" + patient);
        EnrollmentTest.assertRefused(ehr.operation(path, partner("RelatedPerson/nobody")), 422, "does not exist");
        String individual = EnrollmentTest.enrol(ehr, ehr.newPatient()).getIdPart();
        EnrollmentTest.assertRefused(ehr.operation("CarePlan/" + individual + "/$ipt-change-partner",
                partner("RelatedPerson/" + second)), 422, "only a conjoint course has a partner");

        HttpResponse<String> changed = ehr.operation(path, partner("RelatedPerson/" + second));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        EpisodeOfCare episode = Fhir.parse(EpisodeOfCare.class, changed.body());
        assertThat(((Reference) episode.getExtensionByUrl(BASE + "/StructureDefinition/conjoint-partner").getValue())
                .getReference()).isEqualTo("RelatedPerson/" + second);
        assertThat(Fhir.errors(episode)).isEmpty();

        Encounter after = session(SessionsTest.recorded(ehr, planId, SessionsTest.session("2026-11-09T09:00:00Z", ATTENDED, 60,
                IN_PERSON, "p2").addParameter("partnerPresent", new BooleanType(true))));
        assertThat(after.getParticipant()).extracting(p -> p.getIndividual().getReference()).contains("RelatedPerson/" + second)
                .doesNotContain("RelatedPerson/" + first);
        // The earlier session, read again and even corrected, names the partner who was there.
        Encounter corrected = session(SessionsTest.recorded(ehr, planId, SessionsTest.session("2026-11-02T09:00:00Z", ATTENDED, 55,
                IN_PERSON, "p1").addParameter("partnerPresent", new BooleanType(true))));
        assertThat(corrected.getIdElement().getIdPart()).isEqualTo(before.getIdElement().getIdPart());
        assertThat(corrected.getParticipant()).extracting(p -> p.getIndividual().getReference()).contains("RelatedPerson/" + first)
                .doesNotContain("RelatedPerson/" + second);
    }

    private static Parameters leaving(String patient, String course) {
        return new Parameters().addParameter("patient", new StringType(patient.startsWith("..") ? patient : "Patient/" + patient))
                .addParameter("course", new CodeType(course));
    }

    private static Parameters partner(String reference) {
        return new Parameters().addParameter("partner", new StringType(reference));
    }

    static HttpResponse<String> enrol(Ehr ehr, String patient, String format, String name, String value) {
        Parameters in = new Parameters();
        if (format != null) {
            in.addParameter("format", new CodeType(format));
        }
        if (name != null) {
            in.addParameter(name, new StringType(value));
        }
        return ehr.operation("Patient/" + patient + "/$ipt-enroll", in);
    }

    /** Enrols {@code patient} in {@code groupId} with {@code clinician} as treating clinician (the course's care manager). */
    static void enrolInGroup(Ehr ehr, String patient, String groupId, String clinician) {
        HttpResponse<String> enrolled = ehr.operation("Patient/" + patient + "/$ipt-enroll", new Parameters()
                .addParameter("format", new CodeType("group")).addParameter("group", new StringType("Group/" + groupId))
                .addParameter("practitioner", new StringType("Practitioner/" + clinician)));
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
    }

    static Group createGroup(Ehr ehr, String key, String lead, String second) {
        HttpResponse<String> answer = ehr.operation("Group/$ipt-create-group", new Parameters()
                .addParameter("key", new StringType(key)).addParameter("name", new StringType("Tuesday IPT group"))
                .addParameter("therapist", new StringType("Practitioner/" + lead))
                .addParameter("therapist", new StringType("Practitioner/" + second)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Fhir.parse(Group.class, answer.body());
    }

    private static Parameters groupSession(String key) {
        return new Parameters().addParameter("date", new DateTimeType("2026-11-09T17:00:00Z"))
                .addParameter("minutes", new IntegerType(90)).addParameter("modality", IN_PERSON)
                .addParameter("key", new StringType(key));
    }

    private static String relatedPerson(Ehr ehr, String patient, String role, String name) {
        return relatedPerson(ehr, patient, role, null, name);
    }

    /** One of the patient's RelatedPersons, with a v3 RoleCode (and its display, as the Interpersonal Inventory writes it). */
    static String relatedPerson(Ehr ehr, String patient, String role, String roleDisplay, String name) {
        RelatedPerson person = new RelatedPerson().setPatient(new Reference("Patient/" + patient));
        person.addRelationship(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-RoleCode", role, roleDisplay)));
        person.addName().setText(name);
        return ehr.record.create().resource(person).execute().getId().getIdPart();
    }

    /** The role dispute an Inventory's formulation records (as the extraction writes it). */
    static void roleDispute(Ehr ehr, String patient) {
        Condition condition = new Condition();
        condition.getMeta().addProfile(BASE + "/StructureDefinition/ipt-problem-area-condition");
        condition.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical",
                "active", null)));
        condition.setVerificationStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status",
                "confirmed", null)));
        condition.addCategory(new CodeableConcept(new Coding("http://hl7.org/fhir/us/core/CodeSystem/condition-category",
                "health-concern", null)));
        condition.setCode(new CodeableConcept(new Coding(BASE + "/CodeSystem/ipt-problem-area", "role-dispute", "Role dispute")));
        condition.addExtension(BASE + "/StructureDefinition/dispute-stage",
                new Coding(BASE + "/CodeSystem/role-dispute-stage", "renegotiation", null));
        condition.setSubject(new Reference("Patient/" + patient));
        ehr.record.create().resource(condition).execute();
    }

    static EpisodeOfCare episode(Ehr ehr, CarePlan plan) {
        Extension link = plan.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare");
        return ehr.record.read().resource(EpisodeOfCare.class).withUrl(((Reference) link.getValue()).getReference()).execute();
    }

    private static Encounter session(Parameters out) {
        return (Encounter) out.getParameter().stream().filter(p -> p.getName().equals("session")).findFirst().orElseThrow()
                .getResource();
    }

    private static List<String> indicators(JsonNode cards) {
        return StreamSupport.stream(cards.spliterator(), false).map(c -> c.path("indicator").asText()).toList();
    }
}
