package health.rapport.plugin.outcomes;

import health.rapport.plugin.careplan.CourseEnding;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.ScoreReading;
import health.rapport.plugin.measures.SessionScore;
import health.rapport.plugin.measures.TreatmentResponse;
import health.rapport.plugin.measures.TreatmentResponseEvaluator;
import health.rapport.plugin.sessions.CourseSessions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Encounter;

/**
 * One ended IPT course with what the outcome rules read: how it ended, its attended sessions, its PHQ-9
 * and GAD-7 totals within the course, its session feedback, and each measure judged by the one
 * {@link TreatmentResponseEvaluator} every other part of Rapport uses.
 */
public final class Course {

    private final String patient;
    private final CarePlan plan;
    private final CourseEnding ending;
    private final LocalDate start;
    private final LocalDate end;
    private final List<Instant> attendedSessions;
    private final List<Instant> feedback;
    private final Map<Instrument, TreatmentResponse> judged = new EnumMap<>(Instrument.class);

    /**
     * @param sessions the course's recorded session Encounters, any order (only attended ones count)
     * @param scores each instrument's usable totals within the course, oldest first
     * @param feedback when each session feedback response of the course was authored
     */
    public Course(String patient, CarePlan plan, CourseEnding ending, LocalDate start, LocalDate end,
            List<Encounter> sessions, Map<Instrument, List<ScoreReading>> scores, List<Instant> feedback,
            TreatmentResponseEvaluator evaluator) {
        this.patient = Objects.requireNonNull(patient, "patient");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.ending = Objects.requireNonNull(ending, "ending");
        this.start = start;
        this.end = end;
        this.attendedSessions = sessions.stream().filter(CourseSessions::attended)
                .filter(e -> e.getPeriod().hasStart()).map(e -> e.getPeriod().getStart().toInstant()).sorted().toList();
        this.feedback = feedback.stream().sorted().toList();
        scores.forEach((instrument, readings) -> {
            if (readings.size() >= 2) {
                judged.put(instrument, judge(evaluator, instrument, readings));
            }
        });
    }

    /**
     * The series in time order, numbered 0, 1, 2 …: response, remission and reliable change compare the
     * latest total with the baseline only, so the numbering decides nothing but the order.
     */
    private static TreatmentResponse judge(TreatmentResponseEvaluator evaluator, Instrument instrument,
            List<ScoreReading> readings) {
        List<SessionScore> series = IntStream.range(0, readings.size())
                .mapToObj(i -> new SessionScore(i, readings.get(i).value())).toList();
        return evaluator.evaluate(instrument, series, readings.size() - 1);
    }

    /** {@code Patient/[id]}. */
    public String patient() {
        return patient;
    }

    public CarePlan plan() {
        return plan;
    }

    public CourseEnding ending() {
        return ending;
    }

    public LocalDate start() {
        return start;
    }

    public LocalDate end() {
        return end;
    }

    /** When each attended session began, in time order. */
    public List<Instant> attendedSessions() {
        return attendedSessions;
    }

    /** When each session feedback response was authored, in time order. */
    public List<Instant> feedback() {
        return feedback;
    }

    /** The instrument judged against its baseline, when it was measured at least twice in the course. */
    public Optional<TreatmentResponse> judged(Instrument instrument) {
        return Optional.ofNullable(judged.get(instrument));
    }

    /** Every instrument measured at least twice in the course, judged. */
    public List<TreatmentResponse> judged() {
        return new ArrayList<>(judged.values());
    }
}
