package health.rapport.plugin.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.panel.forms.FormContent;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.SearchValues;
import health.rapport.plugin.testsupport.FakeFhir;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A group session on fixtures (a group of two active members and one who left): what its one transaction holds. */
class GroupSessionRecorderTest {

    private FakeFhir fhir;
    private ChartStore store;
    private GroupSessionRecorder recorder;

    @BeforeEach
    void chart() {
        fhir = FakeFhir.empty().add(FakeFhir.fixture("sessions/Group-grp.json", Group.class));
        for (String member : List.of("g1", "g2")) {
            CarePlan course = FakeFhir.fixture("sessions/CarePlan-course-" + member + ".json", CarePlan.class);
            // The fixtures' plans do not carry the open-course identifier: the test says they are open.
            fhir.add(course).answer("CarePlan?identifier=" + SearchValues.encode(Canonicals.IDENTIFIER_OPEN_COURSE + "|" + member),
                    course);
            fhir.add(FakeFhir.fixture("sessions/EpisodeOfCare-e-" + member + ".json", EpisodeOfCare.class));
        }
        store = fhir.store();
        recorder = new GroupSessionRecorder(store, new SessionRecorder(store, FormContent.library(), "0.1.0"), "0.1.0");
    }

    @Test
    void oneTransactionHoldsTheGroupSessionAndEachMembersOwnSessionPartOfIt() {
        GroupSessionOutcome outcome = recorder.record("grp", session(Map.of("g1", Attendance.ATTENDED, "g2", Attendance.DID_NOT_ATTEND)),
                null, "group-session/test");
        Bundle sent = fhir.onlyTransaction();
        List<Encounter> encounters = sent.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Encounter.class::isInstance).map(Encounter.class::cast).toList();
        Encounter group = encounters.stream().filter(e -> e.getMeta().hasProfile(Canonicals.PROFILE_GROUP_SESSION_ENCOUNTER))
                .findFirst().orElseThrow();
        assertThat(group.getSubject().getReference()).isEqualTo("Group/grp");
        assertThat(group.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(group.getParticipant()).extracting(p -> p.getIndividual().getReference()).containsExactly("Practitioner/t1");
        String placeholder = sent.getEntry().stream().filter(e -> e.getResource() == group).findFirst().orElseThrow().getFullUrl();

        List<Encounter> members = encounters.stream().filter(e -> e.getMeta().hasProfile(Canonicals.PROFILE_SESSION_ENCOUNTER)).toList();
        assertThat(members).extracting(e -> e.getSubject().getReference()).containsExactlyInAnyOrder("Patient/g1", "Patient/g2");
        assertThat(members).allSatisfy(e -> {
            assertThat(e.getPartOf().getReference()).isEqualTo(placeholder);
            assertThat(e.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("group");
        });
        Encounter came = members.stream().filter(e -> "Patient/g1".equals(e.getSubject().getReference())).findFirst().orElseThrow();
        Encounter missed = members.stream().filter(e -> "Patient/g2".equals(e.getSubject().getReference())).findFirst().orElseThrow();
        // Each member's number counts their own attended sessions (none recorded before here; FormatsTest has
        // members with different histories).
        assertThat(CourseSessions.number(came)).hasValue(1);
        assertThat(came.getEpisodeOfCareFirstRep().getReference()).isEqualTo("EpisodeOfCare/e-g1");
        assertThat(missed.getStatus()).isEqualTo(Encounter.EncounterStatus.CANCELLED);
        assertThat(CourseSessions.number(missed)).isEmpty();
        assertThat(missed.hasLength()).isFalse();
        // The member who missed it gets no delivered work; each plan is updated once.
        assertThat(sent.getEntry().stream().filter(e -> e.getResource() instanceof org.hl7.fhir.r4.model.Procedure))
                .allSatisfy(e -> assertThat(((org.hl7.fhir.r4.model.Procedure) e.getResource()).getSubject().getReference())
                        .isEqualTo("Patient/g1"));
        assertThat(sent.getEntry().stream().filter(e -> e.getResource() instanceof CarePlan).map(e -> e.getRequest().getUrl()))
                .containsExactlyInAnyOrder("CarePlan/course-g1", "CarePlan/course-g2");
        assertThat(sent.getEntry().stream().filter(e -> e.getResource() instanceof Provenance)).hasSize(1);
        assertThat(outcome.members()).containsOnlyKeys("g1", "g2");
    }

    @Test
    void aMissingMemberOrAStrangerIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> recorder.record("grp", session(Map.of("g1", Attendance.ATTENDED)), null, "k"))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("Patient/g2")
                .extracting(e -> ((OperationFailure) e).status()).isEqualTo(400);
        assertThatThrownBy(() -> recorder.record("grp", session(Map.of("g1", Attendance.ATTENDED, "g2", Attendance.ATTENDED,
                "gone", Attendance.ATTENDED)), null, "k"))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("Patient/gone")
                .extracting(e -> ((OperationFailure) e).status()).isEqualTo(422);
        verify(store, never()).transaction(any());
    }

    @Test
    void aMemberWhoseCourseIsNotThisGroupsIsRefusedBeforeAnythingIsWritten() {
        EpisodeOfCare another = FakeFhir.fixture("sessions/EpisodeOfCare-e1.json", EpisodeOfCare.class);
        another.setId("e-g2");
        fhir.add(another);
        assertThatThrownBy(() -> recorder.record("grp", session(Map.of("g1", Attendance.ATTENDED, "g2", Attendance.ATTENDED)),
                null, "k")).isInstanceOf(OperationFailure.class).hasMessageContaining("course-g2")
                .extracting(e -> ((OperationFailure) e).status()).isEqualTo(422);
        verify(store, never()).transaction(any());
    }

    @Test
    void aMemberTheCallersTokenDoesNotReachIsRefusedByNameBeforeAnythingIsWritten() {
        // The EHR refuses the clinician's token the record of g2 (a member they do not care for).
        org.mockito.Mockito.doThrow(new health.rapport.plugin.store.ChartStoreException(
                health.rapport.plugin.store.StoreFailure.CALLER_FORBIDDEN, 403, "Access denied", null, null))
                .when(store).search("CarePlan?identifier=" + SearchValues.encode(Canonicals.IDENTIFIER_OPEN_COURSE + "|g2"));
        assertThatThrownBy(() -> recorder.record("grp", session(Map.of("g1", Attendance.ATTENDED, "g2", Attendance.ATTENDED)),
                null, "k")).isInstanceOf(OperationFailure.class).hasMessageContaining("Patient/g2")
                .hasMessageContaining("Nothing was written")
                .extracting(e -> ((OperationFailure) e).status()).isEqualTo(403);
        verify(store, never()).transaction(any());
    }

    private static GroupSessionRecord session(Map<String, Attendance> attendance) {
        return new GroupSessionRecord("s2", Instant.parse("2026-11-24T17:00:00Z"), OptionalInt.of(90), Modality.IN_PERSON,
                List.of(new Coding(Canonicals.CS_IPT_TECHNIQUE, "role-play", null)), attendance);
    }
}
