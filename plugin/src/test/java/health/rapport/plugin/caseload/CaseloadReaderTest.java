package health.rapport.plugin.caseload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.safety.ClinicalRules;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.StoreFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.Test;

/** The caseload's reads (a fixed number of searches per chunk of patients) and its flags by the shared rules. */
class CaseloadReaderTest {

    private static final Instant NOW = Instant.parse("2026-03-05T12:00:00Z");

    private final ChartStore store = mock(ChartStore.class);
    private final CaseloadFlags flags = new CaseloadFlags(new ClinicalRules(30, 6));

    @Test
    void aDeterioratingCourseWithAPositiveItem9IsFlaggedByTheSharedRulesMostUrgentFirst() {
        List<Observation> scores = new ArrayList<>();
        scores.add(score("44261-6", "2026-02-01T10:00:00Z", 11));
        scores.add(score("44261-6", "2026-02-08T10:00:00Z", 15));
        scores.add(score("44261-6", "2026-02-15T10:00:00Z", 19));
        scores.add(score("44260-8", "2026-02-15T10:00:00Z", 2));
        answer(1, scores);

        List<CourseChart> courses = new CaseloadReader(store).courses("dr1", NOW.minusSeconds(30 * 86400L));

        assertThat(courses).hasSize(1);
        CaseloadFlags.Assessment assessment = flags.assess(courses.get(0), NOW);
        // Item 9 first, then deterioration; the last session was 18 days ago: no "no session" flag yet.
        assertThat(assessment.flags()).containsExactly(CaseloadFlag.ITEM9_POSITIVE, CaseloadFlag.DETERIORATION);
        assertThat(assessment.lastSession()).contains(Instant.parse("2026-02-15T10:00:00Z"));
    }

    @Test
    void unreadableScoresLeaveItem9UncheckedNeverNegative() {
        answer(1, List.of());
        when(store.search(argThat(s -> s != null && s.startsWith("Observation?"))))
                .thenThrow(new ChartStoreException(StoreFailure.TIMEOUT, 0, "timeout", null, null));

        CourseChart course = new CaseloadReader(store).courses("dr1", NOW.minusSeconds(30 * 86400L)).get(0);

        assertThat(flags.assess(course, NOW).flags()).startsWith(CaseloadFlag.ITEM9_NOT_CHECKED);
    }

    @Test
    void patientsAreReadInChunksNotOneByOne() {
        answer(CaseloadReader.CHUNK + 5, List.of());

        List<CourseChart> courses = new CaseloadReader(store).courses("dr1", NOW.minusSeconds(30 * 86400L));

        assertThat(courses).hasSize(CaseloadReader.CHUNK + 5);
        verify(store, times(1)).search(argThat(s -> s != null && s.startsWith("EpisodeOfCare?care-manager=Practitioner/dr1")));
        for (String type : List.of("CarePlan?", "Observation?", "QuestionnaireResponse?", "Encounter?", "Task?")) {
            verify(store, times(2)).search(argThat(s -> s != null && s.startsWith(type)));
        }
        verify(store, atLeastOnce()).search(argThat(s -> s != null && s.contains("authored=ge2026-02-03T12%3A00%3A00Z")));
    }

    @Test
    void statusesAreJudgedByRapportNotAskedOfTheServer() {
        answer(1, List.of());
        Task due = new Task().setStatus(Task.TaskStatus.REQUESTED).setFor(new Reference("Patient/p1"));
        due.setId("due");
        Task done = new Task().setStatus(Task.TaskStatus.COMPLETED).setFor(new Reference("Patient/p1"));
        done.setId("done");
        Bundle tasks = new Bundle();
        tasks.addEntry().setResource(due);
        tasks.addEntry().setResource(done);
        when(store.search(argThat(s -> s != null && s.startsWith("Task?")))).thenReturn(tasks);

        CourseChart course = new CaseloadReader(store).courses("dr1", NOW.minusSeconds(30 * 86400L)).get(0);

        assertThat(course.requestedTasks()).extracting(t -> t.getIdElement().getIdPart()).containsExactly("due");
        // A list of patients with a status is a slow plan on HAPI JPA: neither search carries one.
        verify(store, never()).search(argThat(s -> s != null && (s.startsWith("Task?") || s.startsWith("CarePlan?"))
                && s.contains("status=")));
    }

    /** {@code patients} open courses of Practitioner/dr1, each with one session on 15 Feb and {@code scores}. */
    private void answer(int patients, List<Observation> scores) {
        Bundle episodes = new Bundle();
        Bundle plans = new Bundle();
        Bundle observations = new Bundle();
        Bundle sessions = new Bundle();
        for (int i = 1; i <= patients; i++) {
            String patient = "p" + i;
            Patient p = new Patient();
            p.setId(patient);
            EpisodeOfCare episode = new EpisodeOfCare().setPatient(new Reference("Patient/" + patient));
            episode.setId("e" + i);
            episodes.addEntry().setResource(episode);
            episodes.addEntry().setResource(p);
            CarePlan plan = new CarePlan().setStatus(CarePlan.CarePlanStatus.ACTIVE)
                    .setSubject(new Reference("Patient/" + patient));
            plan.setId("cp" + i);
            plan.addExtension(Canonicals.EXT_PHASE, new Coding(Canonicals.CS_IPT_PHASE, "middle", null));
            plan.addExtension(Canonicals.EXT_COMPLETED_SESSIONS, new UnsignedIntType(3));
            plan.addExtension(Canonicals.EXT_WORKFLOW_EPISODE_OF_CARE, new Reference("EpisodeOfCare/e" + i));
            plan.getPeriod().setStartElement(new DateTimeType("2026-01-30"));
            plans.addEntry().setResource(plan);
            for (Observation o : scores) {
                observations.addEntry().setResource(o.copy().setSubject(new Reference("Patient/" + patient)));
            }
            Encounter session = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED)
                    .setSubject(new Reference("Patient/" + patient));
            session.addIdentifier().setSystem(Canonicals.IDENTIFIER_SESSION).setValue(patient + "/1");
            session.addEpisodeOfCare(new Reference("EpisodeOfCare/e" + i));
            session.addExtension(Canonicals.EXT_SESSION_NUMBER, new PositiveIntType(1));
            session.addExtension(Canonicals.EXT_SESSION_ATTENDANCE, new Coding(Canonicals.CS_SESSION_ATTENDANCE,
                    "attended", null));
            session.getPeriod().setStart(Date.from(Instant.parse("2026-02-15T10:00:00Z")));
            sessions.addEntry().setResource(session);
        }
        when(store.search(anyString())).thenReturn(new Bundle());
        when(store.nextPage(org.mockito.ArgumentMatchers.any())).thenReturn(Optional.empty());
        when(store.search(argThat(s -> s != null && s.startsWith("EpisodeOfCare?")))).thenReturn(episodes);
        when(store.search(argThat(s -> s != null && s.startsWith("CarePlan?")))).thenAnswer(i -> only(plans, i.getArgument(0)));
        when(store.search(argThat(s -> s != null && s.startsWith("Observation?")))).thenAnswer(i -> only(observations,
                i.getArgument(0)));
        when(store.search(argThat(s -> s != null && s.startsWith("Encounter?")))).thenAnswer(i -> only(sessions,
                i.getArgument(0)));
    }

    /** The entries of {@code all} whose patient (Encounters: episode) the search names, as a server answers a list. */
    private static Bundle only(Bundle all, String search) {
        Bundle out = new Bundle();
        for (Bundle.BundleEntryComponent e : all.getEntry()) {
            Resource r = e.getResource();
            String subject = r instanceof CarePlan c ? c.getSubject().getReference()
                    : r instanceof Observation o ? o.getSubject().getReference()
                    : ((Encounter) r).getEpisodeOfCareFirstRep().getReference();
            if (search.contains(subject + ",") || search.contains(subject + "&")) {
                out.addEntry().setResource(r);
            }
        }
        return out;
    }

    private static Observation score(String loinc, String when, int value) {
        Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding(Canonicals.LOINC, loinc, null)));
        o.setEffective(new DateTimeType(when));
        o.setValue(new IntegerType(value));
        o.setId(loinc + "-" + when.substring(0, 10));
        return o;
    }
}
