package health.rapport.plugin.measures;

import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.Optional;
import org.hl7.fhir.r4.model.Observation;

/**
 * How an open course's measures are going, judged by {@link TreatmentResponseEvaluator} on its totals
 * read by {@link ScoreSeries} (the same rules as processing): reliable deterioration on any measure, and
 * non-response of PHQ-9 by the review session. The CDS cards and the caseload both ask here, so a
 * patient's card and caseload row cannot disagree.
 *
 * <p>Score Observations carry no session number, so a course's totals are numbered 0, 1, 2... capped at
 * the sessions the course has completed.
 */
public final class CourseResponses {

    private final TreatmentResponseEvaluator evaluator;

    public CourseResponses(TreatmentResponseEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    public int nonResponseSession() {
        return evaluator.nonResponseSession();
    }

    /**
     * The measures (PHQ-9, GAD-7, in that order) on which the course is reliably worse than at baseline.
     *
     * @param start the course's start (earlier totals are not part of it), if known
     * @param session the sessions the course has completed
     */
    public List<TreatmentResponse> deteriorations(Optional<Instant> start, int session, List<Observation> observations) {
        List<TreatmentResponse> out = new ArrayList<>();
        for (Instrument instrument : Instrument.values()) {
            List<SessionScore> scores = scores(start, observations, instrument, session);
            if (scores.size() < 2) {
                continue;
            }
            TreatmentResponse response = evaluator.evaluate(instrument, scores, session);
            if (response.deteriorated()) {
                out.add(response);
            }
        }
        return out;
    }

    /** The PHQ-9 non-response by the review session, if that is where the course stands. */
    public Optional<TreatmentResponse> nonResponse(Optional<Instant> start, int session, List<Observation> observations) {
        List<SessionScore> scores = scores(start, observations, Instrument.PHQ9, session);
        if (scores.isEmpty()) {
            return Optional.empty();
        }
        TreatmentResponse response = evaluator.evaluate(Instrument.PHQ9, scores, session);
        return response.status() == ResponseStatus.NON_RESPONSE ? Optional.of(response) : Optional.empty();
    }

    /** The course's totals of {@code instrument} (since the plan's start), numbered by session. */
    static List<SessionScore> scores(Optional<Instant> start, List<Observation> observations, Instrument instrument,
            int session) {
        List<ScoreReading> readings = ScoreSeries.of(observations, instrument, start, Optional.empty()).readings();
        List<SessionScore> scores = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            scores.add(new SessionScore(Math.min(i, session), readings.get(i).value()));
        }
        return scores;
    }
}
