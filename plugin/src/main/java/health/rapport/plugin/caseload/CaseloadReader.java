package health.rapport.plugin.caseload;

import health.rapport.plugin.alliance.AllianceScore;
import health.rapport.plugin.careplan.IptCarePlan;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.safety.Item9Reader;
import health.rapport.plugin.safety.RiskReviewForm;
import health.rapport.plugin.sessions.CourseEpisode;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.ParallelReads;
import health.rapport.plugin.store.SearchPages;
import health.rapport.plugin.store.SearchValues;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a clinician's open IPT courses from the EHR's FHIR server with the caller's token, in a fixed
 * number of searches per {@value #CHUNK} patients rather than per patient: the active course episodes
 * (by their IPT course type) the clinician manages ({@code EpisodeOfCare.careManager}, enrolment sets it from the treating
 * clinician) with their patients, then per chunk of patients their open plans, scores, PHQ-9 responses
 * and risk reviews, the courses' session Encounters and requested Tasks. Every search follows the server's pages.
 * The searches of all chunks are independent and run at the same time ({@link ParallelReads}, each with
 * the caller's token), so the caseload costs about its longest search, not the sum of all of them.
 *
 * <p>The item-9 sources are read for the safety look-back (answers within it, and every item-9
 * Observation); a source that fails leaves item 9 "could not be checked" for the patients of that chunk,
 * never negative. Other failures propagate: the caseload is shown whole or not at all.
 */
public final class CaseloadReader {

    /** Patients per batched search: keeps the query string short (a few kB) on any server. */
    static final int CHUNK = 40;
    private static final int PAGE = 500;
    private static final int MAX_PAGES = 50;
    private static final Logger LOG = LoggerFactory.getLogger(CaseloadReader.class);
    private static final Set<String> OBSERVED = Set.of(Canonicals.LOINC + "|" + Instrument.PHQ9.totalCode(),
            Canonicals.LOINC + "|" + Instrument.GAD7.totalCode(), Canonicals.LOINC + "|" + Instrument.PHQ9_ITEM9,
            Canonicals.CS_OBSERVATION + "|" + AllianceScore.CODE);

    private final ChartStore store;
    private final ParallelReads reads;

    /** A reader that runs every search on the calling thread, one after another. */
    public CaseloadReader(ChartStore store) {
        this(store, ParallelReads.SAME_THREAD);
    }

    public CaseloadReader(ChartStore store, ParallelReads reads) {
        this.store = store;
        this.reads = reads;
    }

    /**
     * @param practitionerId a checked FHIR id: the clinician whose courses these are
     * @param safetySince the start of the item-9 look-back
     */
    public List<CourseChart> courses(String practitionerId, Instant safetySince) {
        // An IPT course's episode by its type (Rapport's own codes, system and code): HAPI JPA answers a
        // system-only identifier token ("system|") slowly (docs/performance.md).
        List<Resource> found = SearchPages.all(store, "EpisodeOfCare?care-manager=Practitioner/" + practitionerId
                + "&status=active&type=" + SearchValues.encode(String.join(",", Canonicals.CS_CARE_PLAN_CATEGORY
                        + "|ipt-acute", Canonicals.CS_CARE_PLAN_CATEGORY + "|ipt-maintenance"))
                + "&_include=EpisodeOfCare:patient&_count=" + PAGE, Resource.class, MAX_PAGES);
        Map<String, Patient> patients = new LinkedHashMap<>();
        Map<String, EpisodeOfCare> episodes = new LinkedHashMap<>();
        for (Resource r : found) {
            if (r instanceof Patient p) {
                patients.put(p.getIdElement().getIdPart(), p);
            } else if (r instanceof EpisodeOfCare e && e.getPatient().hasReference()) {
                episodes.put(e.getIdElement().getIdPart(), e);
            }
        }
        List<String> ids = episodes.values().stream().map(e -> id(e.getPatient())).distinct()
                .filter(patients::containsKey).toList();
        // Every chunk's searches start before any is awaited: the server works on all of them at once.
        List<Supplier<List<CourseChart>>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            chunks.add(chunk(ids.subList(from, Math.min(ids.size(), from + CHUNK)), patients, episodes.values(),
                    safetySince));
        }
        List<CourseChart> out = new ArrayList<>();
        chunks.forEach(chunk -> out.addAll(chunk.get()));
        return out;
    }

    /** Starts one chunk's five searches; the supplier waits for them and pairs each open course with its reads. */
    private Supplier<List<CourseChart>> chunk(List<String> ids, Map<String, Patient> patients,
            java.util.Collection<EpisodeOfCare> episodes, Instant safetySince) {
        String subjects = ids.stream().map(id -> "Patient/" + id).collect(Collectors.joining(","));
        // Plans and Tasks are filtered by status here, not in the search: HAPI JPA answers a list of 40
        // patients combined with a status several times slower (a Task search: 7.5 s against 0.8 s,
        // docs/performance.md).
        CompletableFuture<List<CarePlan>> planRead = reads.start(() -> SearchPages.all(store, "CarePlan?subject="
                + subjects + "&_count=" + PAGE, CarePlan.class, MAX_PAGES).stream().filter(p -> IptCarePlan.of(p).open())
                .toList());
        Set<String> unavailable = java.util.concurrent.ConcurrentHashMap.newKeySet();
        // The codes are picked here, not in the search: HAPI JPA answers "subject=<40 patients>&code=…" in
        // about a minute per page where the same search without code takes a second (docs/performance.md).
        CompletableFuture<List<Observation>> observationRead = reads.start(() -> safe("score Observations", unavailable,
                () -> SearchPages.all(store, "Observation?subject=" + subjects + "&_count=" + PAGE, Observation.class,
                        MAX_PAGES).stream().filter(CaseloadReader::read).toList()));
        String since = DateTimeFormatter.ISO_INSTANT.format(safetySince.truncatedTo(ChronoUnit.SECONDS));
        CompletableFuture<List<QuestionnaireResponse>> responseRead = reads.start(() -> safe("PHQ-9 responses",
                unavailable, () -> SearchPages.all(store, "QuestionnaireResponse?subject=" + subjects + "&questionnaire="
                        + SearchValues.encode(String.join(",", Canonicals.QUESTIONNAIRE_PHQ9, Item9Reader.LOINC_PHQ9_FORM,
                                RiskReviewForm.URL)) + "&authored=" + SearchValues.encode("ge" + since) + "&_count=" + PAGE,
                        QuestionnaireResponse.class, MAX_PAGES)));
        // The courses' own Encounters (by episode, not every encounter of the patients); sessions are told
        // apart by their identifier here, not in the search: HAPI JPA answers a system-only token
        // ("system|") over 40 subjects in tens of seconds (docs/performance.md).
        String courses = episodes.stream().filter(e -> ids.contains(id(e.getPatient())))
                .map(e -> "EpisodeOfCare/" + e.getIdElement().getIdPart()).collect(Collectors.joining(","));
        CompletableFuture<List<Encounter>> sessionRead = reads.start(() -> SearchPages.all(store,
                "Encounter?episode-of-care=" + courses + "&_count=" + PAGE, Encounter.class, MAX_PAGES));
        CompletableFuture<List<Task>> taskRead = reads.start(() -> SearchPages.all(store, "Task?patient=" + subjects
                + "&_count=" + PAGE, Task.class, MAX_PAGES).stream()
                .filter(t -> t.getStatus() == Task.TaskStatus.REQUESTED).toList());
        return () -> charts(ids, patients, episodes, byPatient(ParallelReads.result(planRead), CarePlan::getSubject),
                byPatient(ParallelReads.result(observationRead), Observation::getSubject),
                byPatient(ParallelReads.result(responseRead), QuestionnaireResponse::getSubject),
                byPatient(ParallelReads.result(sessionRead).stream().filter(e -> e.getIdentifier().stream()
                        .anyMatch(i -> Canonicals.IDENTIFIER_SESSION.equals(i.getSystem()))).toList(), Encounter::getSubject),
                byPatient(ParallelReads.result(taskRead), Task::getFor), unavailable);
    }

    private static List<CourseChart> charts(List<String> ids, Map<String, Patient> patients,
            java.util.Collection<EpisodeOfCare> episodes, Map<String, List<CarePlan>> plans,
            Map<String, List<Observation>> observations, Map<String, List<QuestionnaireResponse>> responses,
            Map<String, List<Encounter>> sessions, Map<String, List<Task>> tasks, Set<String> unavailable) {
        List<CourseChart> out = new ArrayList<>();
        for (EpisodeOfCare episode : episodes) {
            String patient = id(episode.getPatient());
            if (!ids.contains(patient)) {
                continue;
            }
            String episodeRef = "EpisodeOfCare/" + episode.getIdElement().getIdPart();
            Optional<CarePlan> plan = plans.getOrDefault(patient, List.of()).stream()
                    .filter(p -> p.getExtensionByUrl(Canonicals.EXT_PHASE) != null)
                    .filter(p -> CourseEpisode.of(p).map(episodeRef::equals).orElse(true))
                    .max(Comparator.comparing(p -> p.getMeta().getLastUpdated(),
                            Comparator.nullsFirst(Comparator.naturalOrder())));
            if (plan.isEmpty()) {
                continue; // An episode whose plan was closed by another system: no open course to show.
            }
            List<QuestionnaireResponse> forms = responses.getOrDefault(patient, List.of());
            out.add(new CourseChart(patients.get(patient), episode, plan.get(), observations.getOrDefault(patient, List.of()),
                    forms.stream().filter(r -> Item9Reader.isPhq9(r.getQuestionnaire())).toList(),
                    forms.stream().filter(r -> RiskReviewForm.isRiskReview(r.getQuestionnaire())).toList(),
                    sessions.getOrDefault(patient, List.of()).stream().filter(e -> e.getEpisodeOfCare().stream()
                            .anyMatch(r -> episodeRef.equals(r.getReference()))).toList(),
                    tasks.getOrDefault(patient, List.of()), unavailable));
        }
        return out;
    }

    /** PHQ-9 and GAD-7 totals, PHQ-9 item 9 and session alliance scores: what the flags are decided on. */
    private static boolean read(Observation observation) {
        return observation.getCode().getCoding().stream().anyMatch(c -> OBSERVED.contains(c.getSystem() + "|" + c.getCode()));
    }

    /** A read whose failure makes item 9 uncheckable instead of failing the caseload. */
    private static <T> List<T> safe(String what, Set<String> unavailable, Supplier<List<T>> read) {
        try {
            return read.get();
        } catch (ChartStoreException e) {
            LOG.warn("Caseload: {} could not be read ({})", what, e.failure());
            unavailable.add(what);
            return List.of();
        }
    }

    private static <T extends Resource> Map<String, List<T>> byPatient(List<T> resources, Function<T, Reference> subject) {
        Map<String, List<T>> out = new LinkedHashMap<>();
        for (T r : resources) {
            out.computeIfAbsent(id(subject.apply(r)), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static String id(Reference reference) {
        return reference.getReferenceElement().getIdPart() == null ? "" : reference.getReferenceElement().getIdPart();
    }
}
