package health.rapport.plugin.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import health.rapport.plugin.alliance.AllianceRule;
import health.rapport.plugin.content.Displays;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.panel.forms.FormContent;
import health.rapport.plugin.safety.ChartSafety;
import health.rapport.plugin.safety.SafetyRule;
import health.rapport.plugin.sessions.CourseFormat;
import health.rapport.plugin.store.CallerToken;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.ParallelReads;
import health.rapport.plugin.store.StoreFailure;
import health.rapport.plugin.testsupport.FakeFhir;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.junit.jupiter.api.Test;

class ChartViewTest {

    private static final Displays DISPLAYS = new Displays(FormContent.library());

    private final ChartStore store = mock(ChartStore.class);

    ChartViewTest() {
        Patient patient = new Patient();
        patient.addName(new HumanName().setFamily("Doe").addGiven("Jo"));
        when(store.read(eq(Patient.class), eq("p1"))).thenReturn(patient);
        when(store.search(anyString())).thenReturn(new Bundle());
    }

    private ChartView view() {
        return new ChartView(store, new ChartSafety(store, new SafetyRule(Duration.ofDays(30))),
                Clock.fixed(Instant.parse("2026-03-05T00:00:00Z"), ZoneOffset.UTC), DISPLAYS);
    }

    @Test
    void theSafetyStatusFollowsTheSharedRule() {
        when(store.search(argThat(s -> s != null && s.contains("44260-8"))))
                .thenReturn(bundle(item9("2026-01-01T10:00:00Z", 2), item9("2026-02-01T10:00:00Z", 0)));
        assertThat(view().safety("p1")).containsEntry("status", "negative");

        when(store.search(argThat(s -> s != null && s.contains("44260-8"))))
                .thenReturn(bundle(item9("2026-03-01T10:00:00Z", 1), item9("2026-02-01T10:00:00Z", 0)));
        assertThat(view().safety("p1")).containsEntry("status", "positive").containsEntry("value", 1);
    }

    @Test
    void anUnreadableItem9IsShownAsUnknownNeverAsSafe() {
        when(store.search(argThat(s -> s != null && s.contains("44260-8"))))
                .thenThrow(new ChartStoreException(StoreFailure.TIMEOUT, 0, "timeout", null, null));
        assertThat(view().safety("p1")).containsEntry("status", "could-not-check")
                .containsEntry("critical", true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void processNotesAreKeptApartFromInterventions() {
        CarePlan plan = new CarePlan().setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.setId("cp1");
        plan.addExtension(Canonicals.EXT_PHASE, new Coding(Canonicals.CS_IPT_PHASE, "middle", "Middle"));
        var activity = plan.addActivity();
        activity.addExtension(Canonicals.EXT_TRADITION, new Coding(Canonicals.CS_TRADITION, "cbt", "Cognitive-behavioural"));
        activity.getDetail().setDescription("Behavioural activation");
        var note = plan.addActivity();
        note.addExtension(Canonicals.EXT_SECURITY_LABEL, new Coding(Canonicals.V3_ACT_CODE, "PSYTHPN", null));
        note.getDetail().setDescription("Countertransference reflection");
        note.addProgress().setText("private words");
        when(store.search(argThat(s -> s != null && s.startsWith("CarePlan?")))).thenReturn(bundle(plan));

        Map<String, Object> view = view().of("p1");

        List<Map<String, Object>> groups = (List<Map<String, Object>>) view.get("interventions");
        assertThat(groups).singleElement().satisfies(g -> assertThat(g).containsEntry("tradition", "Cognitive-behavioural"));
        assertThat(groups.toString()).doesNotContain("Countertransference");
        List<Map<String, Object>> notes = (List<Map<String, Object>>) view.get("processNotes");
        assertThat(notes).singleElement().satisfies(n -> assertThat(n).containsEntry("title", "Countertransference reflection")
                .containsEntry("notes", List.of("private words")));
        assertThat((Map<String, Object>) view.get("patient")).containsEntry("name", "Jo Doe");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLongHistoryIsReadAcrossPagesAndEachScoreCarriesItsResponseStatus() {
        Observation first = total("s1", "2026-01-01T10:00:00Z", 18);
        Observation second = total("s2", "2026-03-01T10:00:00Z", 8);
        Bundle page1 = bundle(first);
        page1.addLink().setRelation(Bundle.LINK_NEXT).setUrl("next");
        Bundle page2 = bundle(second);
        when(store.search(argThat(s -> s != null && s.contains("44261-6")))).thenReturn(page1);
        when(store.nextPage(page1)).thenReturn(java.util.Optional.of(page2));
        Observation status = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        status.setValue(new org.hl7.fhir.r4.model.CodeableConcept(new Coding(Canonicals.CS_RESPONSE_STATUS, "response", "Response")));
        status.addDerivedFrom().setReference("Observation/s2");
        when(store.search(argThat(s -> s != null && s.contains("measure-response-status")))).thenReturn(bundle(status));

        List<Map<String, Object>> scores = (List<Map<String, Object>>) view().of("p1").get("scores");

        assertThat(scores).extracting(m -> m.get("value")).containsExactly(18, 8);
        assertThat(scores.get(0)).doesNotContainKey("response");
        assertThat(scores.get(1)).containsEntry("response", Map.of("code", "response", "display", "Response"));
    }

    @Test
    void theIndependentReadsRunAtTheSameTimeEachWithTheCallersToken() {
        // Two reads of the first round meet at a barrier: read one after the other, the first would wait in vain.
        CyclicBarrier both = new CyclicBarrier(2);
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        when(store.search(anyString())).thenAnswer(call -> {
            String search = call.getArgument(0);
            tokens.add(CallerToken.current().orElse("none"));
            if (search.startsWith("Goal?") || search.contains("44261-6")) {
                both.await(10, TimeUnit.SECONDS);
            }
            return new Bundle();
        });

        try (ParallelReads reads = ParallelReads.pool("test-read", 8);
             CallerToken.Scope caller = CallerToken.bind("clinician-token", Optional.empty())) {
            Map<String, Object> view = new ChartView(store, new ChartSafety(store, new SafetyRule(Duration.ofDays(30))),
                    Clock.fixed(Instant.parse("2026-03-05T00:00:00Z"), ZoneOffset.UTC),
                    new AllianceRule(AllianceRule.DEFAULT_LOW_SCORE, AllianceRule.DEFAULT_DROP), reads, DISPLAYS).of("p1");
            assertThat(view).containsKeys("patient", "safety", "course", "goals", "scores");
        }
        assertThat(tokens).containsExactly("clinician-token");
    }

    @Test
    void aMissingPatientIsStillNotFoundWhenReadInParallel() {
        when(store.read(eq(Patient.class), eq("p2")))
                .thenThrow(new ChartStoreException(StoreFailure.NOT_FOUND, 404, "gone", null, null));
        try (ParallelReads reads = ParallelReads.pool("test-read", 8)) {
            ChartView view = new ChartView(store, new ChartSafety(store, new SafetyRule(Duration.ofDays(30))),
                    Clock.systemUTC(), new AllianceRule(AllianceRule.DEFAULT_LOW_SCORE, AllianceRule.DEFAULT_DROP), reads, DISPLAYS);
            assertThatThrownBy(() -> view.of("p2")).isInstanceOfSatisfying(ChartStoreException.class,
                    e -> assertThat(e.failure()).isEqualTo(StoreFailure.NOT_FOUND));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aConjointChartNamesThePartnerOffersThePatientsPeopleAndEachSessionKeepsWhoWasThere() {
        // After a change of partner: the episode names Ana, the first session was with Daniel, the second with Ana.
        FakeFhir fhir = FakeFhir.of("panel/conjoint-partner");

        Map<String, Object> view = conjointView(fhir).of("p1");

        Map<String, Object> course = (Map<String, Object>) view.get("course");
        assertThat(course).containsEntry("format", "conjoint").containsEntry("partner", "Ana").containsEntry("partnerId", "ana");
        // The patient's own people, not marked inactive: another patient's and a former one are not offered.
        assertThat((List<Map<String, Object>>) course.get("relatedPersons")).containsExactly(
                Map.of("id", "ana", "name", "Ana", "relationship", "wife"),
                Map.of("id", "daniel", "name", "Daniel", "relationship", "husband"),
                Map.of("id", "sam", "name", "Sam", "relationship", "unrelated friend"));
        assertThat((List<Map<String, Object>>) view.get("sessions")).extracting(r -> r.get("number"), r -> r.get("partner"))
                .containsExactly(tuple(1, "Daniel"), tuple(2, "Ana"));
        // One search names everyone: no read per partner or per session.
        verify(fhir.store(), times(1)).search(startsWith("RelatedPerson?"));
        verify(fhir.store(), never()).read(eq(RelatedPerson.class), anyString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anIndividualCourseOffersNoPartnerSearchesNoRelatedPersonsAndStillNamesEachSessionsPartner() {
        FakeFhir fhir = FakeFhir.of("panel/conjoint-partner");
        fhir.add(CourseFormat.INDIVIDUAL.writeOn(fhir.resource(EpisodeOfCare.class, "e1")));
        Encounter third = fhir.resource(Encounter.class, "s2");
        third.setId("s3");
        third.getIdentifierFirstRep().setValue("p1/1/s3");
        third.getPeriod().setStartElement(new DateTimeType("2026-11-16T09:00:00Z"));
        third.getParticipantFirstRep().getIndividual().setReference("RelatedPerson/gone");
        fhir.add(third);

        Map<String, Object> view = conjointView(fhir).of("p1");

        Map<String, Object> course = (Map<String, Object>) view.get("course");
        assertThat(course).containsEntry("format", "individual").containsEntry("partner", null)
                .doesNotContainKeys("partnerId", "relatedPersons");
        verify(fhir.store(), never()).search(startsWith("RelatedPerson?"));
        // Sessions recorded with a partner still name them, each person read once; one the record no longer has is
        // named by its reference, and the chart is still shown.
        assertThat((List<Map<String, Object>>) view.get("sessions")).extracting(r -> r.get("partner"))
                .containsExactly("Daniel", "Ana", "RelatedPerson/gone");
        assertThat(view).containsKey("safety");
        verify(fhir.store(), times(1)).read(eq(RelatedPerson.class), eq("daniel"));
    }

    private static ChartView conjointView(FakeFhir fhir) {
        return new ChartView(fhir.store(), new ChartSafety(fhir.store(), new SafetyRule(Duration.ofDays(30))),
                Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), ZoneOffset.UTC), DISPLAYS);
    }

    private static Observation total(String id, String when, int value) {
        Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        o.setId(id);
        o.getCode().addCoding(new Coding(Canonicals.LOINC, "44261-6", null));
        o.setEffective(new DateTimeType(when));
        o.setValue(new IntegerType(value));
        return o;
    }

    private static Observation item9(String when, int value) {
        Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding(new Coding(Canonicals.LOINC, "44260-8", null));
        o.setEffective(new DateTimeType(when));
        o.setValue(new IntegerType(value));
        return o;
    }

    private static Bundle bundle(org.hl7.fhir.r4.model.Resource... resources) {
        Bundle bundle = new Bundle();
        for (var r : resources) {
            bundle.addEntry().setResource(r);
        }
        return bundle;
    }
}
