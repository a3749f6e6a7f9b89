package health.rapport.plugin.outcomes;

import health.rapport.plugin.careplan.CourseEnding;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.ChartTimes;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.ScoreReading;
import health.rapport.plugin.measures.ScoreSeries;
import health.rapport.plugin.measures.TreatmentResponseEvaluator;
import health.rapport.plugin.sessions.CourseEpisode;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ParallelReads;
import health.rapport.plugin.store.SearchPages;
import health.rapport.plugin.store.SearchValues;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;

/**
 * Reads the ended courses of a cohort through the FHIR server, with whatever token the request carries: one
 * paged search for the plans ended in the period (by Rapport's care-plan category, a system-and-code token),
 * then — as far as the Measure's rules read them — the sessions, the PHQ-9 and GAD-7 totals and the session
 * feedback of those courses from the earliest start of them, in searches of {@value #CHUNK} courses each,
 * all started at once ({@link ParallelReads}, each with the caller's token); never one read per course.
 * Each course then takes what lies within its own period.
 *
 * <p>The chunks narrow each search to the cohort's own patients and episodes (other patients' records in
 * the window are never read) and let the server page several searches at the same time: with a server
 * that caps a page at 50 entries, the round trips, not Rapport's counting, set the time
 * (docs/performance.md). No search filters by a system-only identifier token ({@code system|}), which HAPI
 * JPA answers slowly; Rapport tells its plans and sessions apart by their identifiers itself.
 */
public final class CourseLoader {

    /** Enough pages for tens of thousands of resources per search at the server's largest page size. */
    static final int MAX_PAGES = 5_000;
    static final int PAGE = 1_000;
    /** Courses per search: keeps a query string of patient or episode references a few kB long. */
    static final int CHUNK = 50;

    private final ChartStore store;
    private final TreatmentResponseEvaluator evaluator;
    private final ParallelReads reads;

    /** A loader that runs every search on the calling thread, one after another. */
    public CourseLoader(ChartStore store, TreatmentResponseEvaluator evaluator) {
        this(store, evaluator, ParallelReads.SAME_THREAD);
    }

    public CourseLoader(ChartStore store, TreatmentResponseEvaluator evaluator, ParallelReads reads) {
        this.store = store;
        this.evaluator = evaluator;
        this.reads = reads;
    }

    /** @param data what to read besides the plans: each is a set of searches of {@value #CHUNK} courses */
    public List<Course> load(Cohort cohort, Set<CourseData> data) {
        List<CarePlan> plans = SearchPages.all(store, "CarePlan?category=" + SearchValues.encode(String.join(",",
                Canonicals.CS_CARE_PLAN_CATEGORY + "|ipt-acute", Canonicals.CS_CARE_PLAN_CATEGORY + "|ipt-maintenance"))
                + "&status=completed,revoked&date=ge" + cohort.periodStart() + "&_count=" + PAGE, CarePlan.class, MAX_PAGES)
                .stream().filter(CourseLoader::isCourse).filter(p -> in(cohort, p)).toList();
        if (plans.isEmpty()) {
            return List.of();
        }
        LocalDate from = plans.stream().map(CourseLoader::start).min(LocalDate::compareTo).orElseThrow();
        String authored = "ge" + from + "&authored=le" + cohort.periodEnd().plusDays(1);
        List<String> patients = plans.stream().map(p -> key(p.getSubject())).distinct().toList();
        List<String> episodes = plans.stream().map(CourseEpisode::of).flatMap(Optional::stream)
                .map(e -> key(new Reference(e))).distinct().toList();
        // Every search of every chunk starts before any is awaited. The sessions' and scores' searches carry
        // no date: HAPI JPA answers a list of 50 episodes or patients combined with a date range in ~54 s a
        // page against ~0.5 s without it (docs/performance.md); each course's own dates are applied below.
        CompletableFuture<Map<String, List<Encounter>>> sessionRead = !data.contains(CourseData.SESSIONS)
                ? CompletableFuture.completedFuture(Map.of())
                : chunked(episodes, chunk -> SearchPages.all(store, "Encounter?episode-of-care=" + String.join(",", chunk)
                        + "&_count=" + PAGE, Encounter.class, MAX_PAGES).stream()
                        .filter(e -> e.getIdentifier().stream().anyMatch(i -> Canonicals.IDENTIFIER_SESSION.equals(i.getSystem())))
                        .toList(), e -> e.getEpisodeOfCare().stream().map(CourseLoader::key).toList());
        CompletableFuture<Map<String, List<Observation>>> scoreRead = !data.contains(CourseData.SCORES)
                ? CompletableFuture.completedFuture(Map.of())
                // The codes are picked by ScoreSeries, not in the search: HAPI JPA answers a subject list
                // combined with a code in about a minute per page (docs/performance.md).
                : chunked(patients, chunk -> SearchPages.all(store, "Observation?subject=" + String.join(",", chunk)
                        + "&_count=" + PAGE, Observation.class, MAX_PAGES),
                        o -> List.of(key(o.getSubject())));
        CompletableFuture<Map<String, List<QuestionnaireResponse>>> feedbackRead = !data.contains(CourseData.FEEDBACK)
                ? CompletableFuture.completedFuture(Map.of())
                : chunked(patients, chunk -> SearchPages.all(store, "QuestionnaireResponse?subject=" + String.join(",", chunk)
                        + "&questionnaire=" + SearchValues.encode(Canonicals.QUESTIONNAIRE_SESSION_FEEDBACK)
                        + "&status=completed,amended&authored=" + authored
                        + "&_elements=subject,authored,status&_count=" + PAGE, QuestionnaireResponse.class, MAX_PAGES),
                        r -> List.of(key(r.getSubject())));
        Map<String, List<Encounter>> sessions = ParallelReads.result(sessionRead);
        Map<String, List<Observation>> scores = ParallelReads.result(scoreRead);
        Map<String, List<QuestionnaireResponse>> feedback = ParallelReads.result(feedbackRead);
        List<Course> courses = new ArrayList<>();
        for (CarePlan plan : plans) {
            String patient = key(plan.getSubject());
            LocalDate start = start(plan);
            LocalDate end = end(plan);
            Instant since = start.atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant until = end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            List<Encounter> own = CourseEpisode.of(plan).map(e -> sessions.getOrDefault(key(new Reference(e)), List.of()))
                    .orElse(List.of());
            Map<Instrument, List<ScoreReading>> series = new EnumMap<>(Instrument.class);
            for (Instrument instrument : Instrument.values()) {
                series.put(instrument, ScoreSeries.of(scores.getOrDefault(patient, List.of()), instrument,
                        Optional.of(since), Optional.empty()).readings().stream()
                        .filter(r -> r.when().isBefore(until)).toList());
            }
            List<Instant> given = feedback.getOrDefault(patient, List.of()).stream().filter(QuestionnaireResponse::hasAuthored)
                    .map(r -> r.getAuthored().toInstant()).filter(t -> !t.isBefore(since) && t.isBefore(until)).toList();
            courses.add(new Course(patient, plan, CourseEnding.of(plan).orElseThrow(), start, end, own, series, given,
                    evaluator));
        }
        return courses;
    }

    /**
     * Starts one search per {@value #CHUNK} of {@code references} and groups what they find by {@code keys},
     * keeping only what belongs to the chunk searched (a server that ignored a filter cannot add others'
     * records, nor count one twice).
     */
    private <T> CompletableFuture<Map<String, List<T>>> chunked(List<String> references,
            java.util.function.Function<List<String>, List<T>> search, java.util.function.Function<T, List<String>> keys) {
        List<CompletableFuture<Map<String, List<T>>>> parts = new ArrayList<>();
        for (int at = 0; at < references.size(); at += CHUNK) {
            List<String> chunk = references.subList(at, Math.min(references.size(), at + CHUNK));
            Set<String> wanted = Set.copyOf(chunk);
            parts.add(reads.start(() -> group(search.apply(chunk), r -> keys.apply(r).stream().filter(wanted::contains)
                    .toList())));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, List<T>> out = new HashMap<>();
            parts.forEach(part -> out.putAll(part.join()));
            return out;
        });
    }

    /** A plan of Rapport's: it carries the course identifier enrolment gave it. */
    private static boolean isCourse(CarePlan plan) {
        return plan.getIdentifier().stream().anyMatch(i -> Canonicals.IDENTIFIER_COURSE.equals(i.getSystem()));
    }

    private static boolean in(Cohort cohort, CarePlan plan) {
        if (CourseEnding.of(plan).isEmpty() || !plan.getPeriod().hasEnd() || !cohort.covers(end(plan))) {
            return false;
        }
        if (cohort.practitioner().isPresent() && !("Practitioner/" + cohort.practitioner().get())
                .equals(key(plan.getAuthor()))) {
            return false;
        }
        return cohort.patients().map(members -> members.contains(key(plan.getSubject()))).orElse(true);
    }

    private static LocalDate start(CarePlan plan) {
        return plan.getPeriod().hasStart() ? day(plan.getPeriod().getStartElement().getValueAsString()) : end(plan);
    }

    private static LocalDate end(CarePlan plan) {
        return day(plan.getPeriod().getEndElement().getValueAsString());
    }

    // The plan's own calendar day, whatever its offset: a course that ended on 31 March belongs to Q1.
    private static LocalDate day(String dateTime) {
        return LocalDate.parse(ChartTimes.day(dateTime));
    }

    /** {@code Type/id} of a reference, without server base or version. */
    static String key(Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return "";
        }
        IdType id = new IdType(reference.getReference());
        return id.hasResourceType() ? id.getResourceType() + "/" + id.getIdPart() : id.getIdPart();
    }

    private static <T> Map<String, List<T>> group(List<T> resources,
            java.util.function.Function<T, List<String>> keys) {
        Map<String, List<T>> out = new HashMap<>();
        for (T resource : resources) {
            for (String k : keys.apply(resource)) {
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(resource);
            }
        }
        return out;
    }
}
