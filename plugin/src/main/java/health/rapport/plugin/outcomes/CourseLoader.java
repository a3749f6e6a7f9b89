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
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;

/**
 * Reads the ended courses of a cohort through the FHIR server, with whatever token the request carries: at
 * most four paged searches for the whole cohort (the plans ended in the period, then — as far as the
 * Measure's rules read them — the sessions, the PHQ-9 and GAD-7 totals and the session feedback from the
 * earliest start of those courses), never one read per course. Each course then takes what lies within its
 * own period.
 */
public final class CourseLoader {

    /** Enough pages for tens of thousands of resources per search at the server's largest page size. */
    static final int MAX_PAGES = 5_000;
    static final int PAGE = 1_000;

    private final ChartStore store;
    private final TreatmentResponseEvaluator evaluator;

    public CourseLoader(ChartStore store, TreatmentResponseEvaluator evaluator) {
        this.store = store;
        this.evaluator = evaluator;
    }

    /** @param reads what to read besides the plans: each is one search for the whole cohort */
    public List<Course> load(Cohort cohort, Set<CourseData> reads) {
        List<CarePlan> plans = SearchPages.all(store, "CarePlan?identifier="
                + SearchValues.encode(Canonicals.IDENTIFIER_COURSE + "|") + "&status=completed,revoked&date=ge"
                + cohort.periodStart() + "&_count=" + PAGE, CarePlan.class, MAX_PAGES).stream()
                .filter(p -> in(cohort, p)).toList();
        if (plans.isEmpty()) {
            return List.of();
        }
        LocalDate from = plans.stream().map(CourseLoader::start).min(LocalDate::compareTo).orElseThrow();
        String window = "ge" + from + "&date=le" + cohort.periodEnd().plusDays(1);
        Map<String, List<Encounter>> sessions = !reads.contains(CourseData.SESSIONS) ? Map.of()
                : group(SearchPages.all(store, "Encounter?identifier=" + SearchValues.encode(Canonicals.IDENTIFIER_SESSION + "|")
                        + "&date=" + window + "&_count=" + PAGE, Encounter.class, MAX_PAGES),
                        e -> e.getEpisodeOfCare().stream().map(CourseLoader::key).toList());
        Map<String, List<Observation>> scores = !reads.contains(CourseData.SCORES) ? Map.of()
                : group(SearchPages.all(store, "Observation?code=" + codes() + "&date=" + window + "&_count=" + PAGE,
                        Observation.class, MAX_PAGES), o -> List.of(key(o.getSubject())));
        Map<String, List<QuestionnaireResponse>> feedback = !reads.contains(CourseData.FEEDBACK) ? Map.of()
                : group(SearchPages.all(store, "QuestionnaireResponse?questionnaire="
                        + SearchValues.encode(Canonicals.QUESTIONNAIRE_SESSION_FEEDBACK) + "&status=completed,amended&authored="
                        + window.replace("&date=", "&authored=") + "&_elements=subject,authored,status&_count=" + PAGE,
                        QuestionnaireResponse.class, MAX_PAGES), r -> List.of(key(r.getSubject())));
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

    private static String codes() {
        List<String> codes = new ArrayList<>();
        for (Instrument instrument : Instrument.values()) {
            codes.add(SearchValues.encode(Canonicals.LOINC + "|" + instrument.totalCode()));
        }
        return String.join(",", codes);
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
