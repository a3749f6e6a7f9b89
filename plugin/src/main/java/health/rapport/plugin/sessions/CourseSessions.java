package health.rapport.plugin.sessions;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.SearchPages;
import health.rapport.plugin.store.SearchValues;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PositiveIntType;

/**
 * The sessions of one course as the FHIR server holds them: every Encounter of the course's
 * EpisodeOfCare that Rapport recorded (it carries the session identifier), in time order.
 */
public record CourseSessions(List<Encounter> sessions) {

    private static final int MAX_PAGES = 10;

    public CourseSessions {
        sessions = sessions.stream().sorted(ORDER).toList();
    }

    /** Time order; two sessions at the same time keep a stable order by their identifier. */
    static final Comparator<Encounter> ORDER = Comparator
            .comparing((Encounter e) -> e.getPeriod().hasStart() ? e.getPeriod().getStart().toInstant() : java.time.Instant.MAX)
            .thenComparing(CourseSessions::key);

    /** The course's recorded sessions; none when the plan names no episode yet. */
    public static CourseSessions of(ChartStore store, CarePlan plan) {
        Optional<String> episode = CourseEpisode.of(plan);
        if (episode.isEmpty() || !episode.get().startsWith("EpisodeOfCare/")) {
            return new CourseSessions(List.of());
        }
        return new CourseSessions(SearchPages.all(store, "Encounter?episode-of-care=" + episode.get()
                + "&identifier=" + SearchValues.encode(Canonicals.IDENTIFIER_SESSION + "|") + "&_count=200", Encounter.class, MAX_PAGES)
                .stream().filter(e -> !key(e).isEmpty()).toList());
    }

    public boolean isEmpty() {
        return sessions.isEmpty();
    }

    /** How many sessions took place: the course's "session n". */
    public int attended() {
        return (int) sessions.stream().filter(CourseSessions::attended).count();
    }

    /** The latest session that took place, if any. */
    public Optional<Encounter> lastAttended() {
        return sessions.stream().filter(CourseSessions::attended).reduce((a, b) -> b);
    }

    /** Whether {@code e} records a session that took place (attended and finished). */
    public static boolean attended(Encounter e) {
        return Attendance.of(e).map(Attendance::attended).orElse(false)
                && e.getStatus() == Encounter.EncounterStatus.FINISHED;
    }

    static String key(Encounter e) {
        return e.getIdentifier().stream().filter(i -> Canonicals.IDENTIFIER_SESSION.equals(i.getSystem()))
                .map(i -> i.getValue() == null ? "" : i.getValue()).findFirst().orElse("");
    }

    public static Optional<Integer> number(Encounter e) {
        Extension ext = e.getExtensionByUrl(Canonicals.EXT_SESSION_NUMBER);
        return ext != null && ext.getValue() instanceof PositiveIntType n ? Optional.of(n.getValue()) : Optional.empty();
    }
}
