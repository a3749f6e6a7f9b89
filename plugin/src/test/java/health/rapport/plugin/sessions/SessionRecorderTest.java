package health.rapport.plugin.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.panel.forms.FormContent;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.testsupport.FakeFhir;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session write on fixtures (a course with two attended sessions and a missed one between them):
 * what one transaction holds, without a FHIR server.
 */
class SessionRecorderTest {

    private static final String TASK = Canonicals.CS_IPT_TASK;
    private FakeFhir fhir;
    private ChartStore store;
    private SessionRecorder recorder;

    @BeforeEach
    void chart() {
        fhir = FakeFhir.empty()
                .add(FakeFhir.fixture("sessions/CarePlan-course-1.json", CarePlan.class))
                .add(FakeFhir.fixture("sessions/EpisodeOfCare-e1.json", EpisodeOfCare.class));
        FakeFhir.fixture("sessions/Bundle-course-1-sessions.json", Bundle.class).getEntry().forEach(e -> fhir.add(e.getResource()));
        store = fhir.store();
        recorder = new SessionRecorder(store, FormContent.library(), "0.1.0");
    }

    @Test
    void aSessionRecordedLateTakesItsPlaceAndRenumbersTheOnesAfterIt() {
        recorder.record("course-1", new SessionRecord("late", Instant.parse("2026-11-16T09:00:00Z"), Attendance.ATTENDED,
                OptionalInt.of(50), Modality.IN_PERSON, List.of(new Coding(TASK, "psychoeducation-sick-role", null)), List.of()),
                null, "session/test");
        Bundle sent = sent();
        Encounter recorded = resources(sent, Encounter.class).stream().filter(e -> CourseSessions.key(e).endsWith("/late"))
                .findFirst().orElseThrow();
        assertThat(CourseSessions.number(recorded)).hasValue(2);
        assertThat(recorded.getEpisodeOfCareFirstRep().getReference()).isEqualTo("EpisodeOfCare/e1");
        assertThat(recorded.getClass_().getCode()).isEqualTo("AMB");
        assertThat(recorded.getLength().getValue().intValue()).isEqualTo(50);
        // The session of 23 November was number 2; it is now 3, updated under If-Match in the same transaction.
        Map<String, Integer> renumbered = sent.getEntry().stream()
                .filter(e -> e.getResource() instanceof Encounter && e.getRequest().hasIfMatch())
                .collect(Collectors.toMap(e -> e.getRequest().getUrl(), e -> CourseSessions.number((Encounter) e.getResource()).orElse(0)));
        assertThat(renumbered).containsExactly(Map.entry("Encounter/s3", 3));
        CarePlan plan = resources(sent, CarePlan.class).get(0);
        assertThat(((UnsignedIntType) plan.getExtensionByUrl(Canonicals.EXT_COMPLETED_SESSIONS).getValue()).getValue()).isEqualTo(3);
        assertThat(plan.getActivityFirstRep().getDetail().getStatus()).isEqualTo(CarePlan.CarePlanActivityStatus.INPROGRESS);
        Procedure delivered = resources(sent, Procedure.class).get(0);
        assertThat(delivered.getBasedOnFirstRep().getReference()).isEqualTo("CarePlan/course-1");
        assertThat(delivered.getCode().getCodingFirstRep().getDisplay()).isNotBlank();
    }

    @Test
    void completedWorkIsCompletedAndACancelledActivityStaysCancelled() {
        Coding empathic = new Coding(Canonicals.CS_INTERVENTION, "empathic-reflection", null);
        Coding clarification = new Coding(Canonicals.CS_IPT_TECHNIQUE, "clarification", null);
        recorder.record("course-1", new SessionRecord("k", Instant.parse("2026-11-30T09:00:00Z"), Attendance.ATTENDED,
                OptionalInt.empty(), null, List.of(empathic), List.of(clarification)), null, "session/test");
        CarePlan plan = resources(sent(), CarePlan.class).get(0);
        assertThat(plan.getActivity()).extracting(a -> a.getDetail().getStatus()).containsExactly(
                CarePlan.CarePlanActivityStatus.NOTSTARTED, CarePlan.CarePlanActivityStatus.COMPLETED,
                CarePlan.CarePlanActivityStatus.CANCELLED);
        assertThat(resources(sent(), Procedure.class)).hasSize(2);
    }

    @Test
    void aCodeThatIsNotRapportsIsRefusedBeforeAnythingIsRead() {
        assertThatThrownBy(() -> recorder.record("course-1", new SessionRecord("k", Instant.parse("2026-11-30T09:00:00Z"),
                Attendance.ATTENDED, OptionalInt.empty(), null, List.of(new Coding("http://snomed.info/sct", "228557008", null)),
                List.of()), null, "session/test")).isInstanceOf(OperationFailure.class).hasMessageContaining("228557008");
        verify(store, never()).transaction(any());
        verify(store, never()).read(eq(CarePlan.class), any());
    }

    @Test
    void aConjointSessionWithThePartnerNamesThePartnerAndOneWithoutIsIndividual() {
        fhir.add(FakeFhir.fixture("sessions/EpisodeOfCare-e1-conjoint.json", EpisodeOfCare.class));
        recorder.record("course-1", conjoint("with", true), null, "session/with");
        Encounter with = resources(sent(), Encounter.class).stream().filter(e -> CourseSessions.key(e).endsWith("/with"))
                .findFirst().orElseThrow();
        assertThat(with.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("conjoint");
        assertThat(with.getParticipant()).extracting(p -> p.getIndividual().getReference()).contains("RelatedPerson/partner-1");

        recorder.record("course-1", conjoint("alone", false), null, "session/alone");
        Encounter alone = resources(fhir.transactions().get(1), Encounter.class).stream().filter(e -> CourseSessions.key(e).endsWith("/alone"))
                .findFirst().orElseThrow();
        assertThat(alone.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("individual");
        assertThat(alone.getParticipant()).extracting(p -> p.getIndividual().getReference()).doesNotContain("RelatedPerson/partner-1");
    }

    @Test
    void aConjointCourseNeedsToKnowWhetherThePartnerCameAndAnIndividualOneHasNoPartner() {
        fhir.add(FakeFhir.fixture("sessions/EpisodeOfCare-e1-conjoint.json", EpisodeOfCare.class));
        assertThatThrownBy(() -> recorder.record("course-1", conjoint("k", null), null, "session/k"))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("partnerPresent")
                .extracting(e -> ((OperationFailure) e).status()).isEqualTo(400);
        fhir.add(FakeFhir.fixture("sessions/EpisodeOfCare-e1.json", EpisodeOfCare.class));
        assertThatThrownBy(() -> recorder.record("course-1", conjoint("k", true), null, "session/k"))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("not a conjoint course")
                .extracting(e -> ((OperationFailure) e).status()).isEqualTo(422);
        verify(store, never()).transaction(any());
    }

    private static SessionRecord conjoint(String key, Boolean partner) {
        return new SessionRecord(key, Instant.parse("2026-11-30T09:00:00Z"), Attendance.ATTENDED, OptionalInt.of(60),
                Modality.IN_PERSON, List.of(new Coding(Canonicals.CS_IPT_TECHNIQUE, "communication-analysis", null)), List.of(), partner);
    }

    private Bundle sent() {
        return fhir.onlyTransaction();
    }

    private static <T extends org.hl7.fhir.r4.model.Resource> List<T> resources(Bundle bundle, Class<T> type) {
        return FakeFhir.written(bundle, type);
    }
}
