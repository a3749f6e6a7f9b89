package health.rapport.plugin.measures;

import health.rapport.plugin.fhir.Canonicals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.Coding;

/**
 * Measurement-based care (docs/clinical-rules.md): judges a patient's series of totals for one
 * measure against the baseline (the earliest score) and, on non-response, offers the adaptations.
 *
 * <ul>
 *   <li><b>Caseness first</b>: response, remission and non-response are judged only when the baseline
 *       is at the clinical threshold (PHQ-9 10, GAD-7 8; NHS Talking Therapies manual; HEDIS's
 *       depression response and remission measures also start from PHQ-9 above 9). Below it the
 *       status is {@link ResponseStatus#BELOW_CASENESS}.
 *   <li><b>Remission</b>: the latest total is below 5 (PHQ-9; GAD-7 uses the top of its minimal band).
 *   <li><b>Response</b>: the latest total is at least 50 % below baseline.
 *   <li><b>Non-response</b>: neither of the above at or after the review session (configurable,
 *       default 6), judged on the latest score.
 *   <li>Before the review session, without response: improving, worsening or no change.
 *   <li><b>Reliable change</b>, at every session and whatever the baseline: improvement or
 *       deterioration by at least the instrument's threshold (PHQ-9 6, GAD-7 4; Jacobson and Truax
 *       1991); reliable recovery when a baseline at caseness is now below it with a reliable
 *       improvement.
 * </ul>
 */
public final class TreatmentResponseEvaluator {

    public static final int DEFAULT_NON_RESPONSE_SESSION = 6;
    static final int REMISSION_BELOW = 5;

    // The integrative components offered on non-response: ask for the client's feedback and adapt
    // (client-centred integration), look for a strained alliance, and activate against withdrawal.
    private static final List<Coding> INTEGRATIVE_OPTIONS = List.of(
            new Coding(Canonicals.CS_INTERVENTION, "routine-client-feedback", "Routine client feedback"),
            new Coding(Canonicals.CS_INTERVENTION, "alliance-rupture-repair", "Alliance rupture repair"),
            new Coding(Canonicals.CS_INTERVENTION, "behavioural-activation", "Behavioural activation"));

    private static final List<AdaptationSuggestion> NON_RESPONSE_SUGGESTIONS = List.of(
            new AdaptationSuggestion(AdaptationSuggestion.Kind.REVISIT_PROBLEM_AREA,
                    "Revisit the problem area and the formulation with the patient: is the chosen focus the"
                            + " interpersonal problem that is linked to the mood?",
                    List.of(new Coding(Canonicals.CS_IPT_TASK, "choose-problem-area", "Choose the problem area"))),
            new AdaptationSuggestion(AdaptationSuggestion.Kind.ADD_INTEGRATIVE_COMPONENT,
                    "Add an integrative component to the plan, for example routine client feedback, attention to"
                            + " alliance ruptures or behavioural activation.",
                    INTEGRATIVE_OPTIONS),
            new AdaptationSuggestion(AdaptationSuggestion.Kind.CONSIDER_OTHER_TREATMENT,
                    "Consider other or additional treatment (for example a medication review or referral) and"
                            + " discuss it with the patient.",
                    List.of()));

    private final int nonResponseSession;

    public TreatmentResponseEvaluator() {
        this(DEFAULT_NON_RESPONSE_SESSION);
    }

    /** @param nonResponseSession the session by which a response is expected (1 or later) */
    public TreatmentResponseEvaluator(int nonResponseSession) {
        if (nonResponseSession < 1) {
            throw new IllegalArgumentException("the non-response session must be 1 or later, not " + nonResponseSession);
        }
        this.nonResponseSession = nonResponseSession;
    }

    public int nonResponseSession() {
        return nonResponseSession;
    }

    /**
     * @param instrument the measure the scores belong to
     * @param scores the patient's totals of the current course, in any order; the earliest session is
     *     the baseline (on a tie, the one listed first)
     * @param currentSession the session the course has reached
     * @throws IllegalArgumentException on an empty series, a total outside the instrument's range or
     *     a score from a session after {@code currentSession}
     */
    public TreatmentResponse evaluate(Instrument instrument, List<SessionScore> scores, int currentSession) {
        List<SessionScore> series = checked(instrument, scores, currentSession);
        SessionScore baseline = series.get(0);
        SessionScore latest = series.get(series.size() - 1);
        String name = instrument.title();
        List<String> reasons = new ArrayList<>();

        boolean caseness = baseline.total() >= instrument.caseness();
        if (series.size() == 1) {
            reasons.add("Baseline " + name + " " + baseline.total() + " at session " + baseline.session()
                    + "; no later measure yet.");
            if (!caseness) {
                reasons.add(belowCaseness(instrument));
            } else if (currentSession >= nonResponseSession) {
                reasons.add("Response is judged by session " + nonResponseSession + ": a " + name + " is due.");
            }
            return new TreatmentResponse(instrument, ResponseStatus.BASELINE, baseline, latest, reduction(baseline, latest),
                    reasons, List.of(), Optional.empty());
        }

        OptionalInt reduction = reduction(baseline, latest);
        reasons.add(name + " " + latest.total() + " at session " + latest.session() + " against a baseline of "
                + baseline.total() + " at session " + baseline.session() + change(reduction) + ".");
        ReliableChange reliable = reliableChange(instrument, baseline, latest);

        ResponseStatus status;
        if (!caseness) {
            status = ResponseStatus.BELOW_CASENESS;
            reasons.add(belowCaseness(instrument));
        } else if (latest.total() < REMISSION_BELOW) {
            status = ResponseStatus.REMISSION;
            reasons.add("Remission: " + name + " is below " + REMISSION_BELOW + ".");
        } else if (isResponse(baseline, latest)) {
            status = ResponseStatus.RESPONSE;
            reasons.add("Response: at least 50 % below baseline.");
        } else if (currentSession >= nonResponseSession) {
            status = ResponseStatus.NON_RESPONSE;
            reasons.add("Non-response: no 50 % reduction by session " + nonResponseSession
                    + " (now session " + currentSession + "); consider adapting the plan.");
        } else {
            status = latest.total() < baseline.total() ? ResponseStatus.IMPROVING
                    : latest.total() > baseline.total() ? ResponseStatus.WORSENING
                    : ResponseStatus.NO_CHANGE;
            reasons.add("Too early to judge response: session " + currentSession + " of the review at session "
                    + nonResponseSession + "; " + status.display().toLowerCase(Locale.ROOT) + " so far.");
        }
        switch (reliable) {
            case DETERIORATION -> reasons.add("Reliable deterioration: " + (latest.total() - baseline.total())
                    + " points above baseline (" + instrument.reliableChange() + " or more is reliable); review the plan"
                    + " and the risk.");
            case IMPROVEMENT -> reasons.add("Reliable improvement: " + (baseline.total() - latest.total())
                    + " points below baseline (" + instrument.reliableChange() + " or more is reliable).");
            case RELIABLE_RECOVERY -> reasons.add("Reliable recovery: from the clinical threshold (" + instrument.caseness()
                    + ") at baseline to below it, with a reliable improvement.");
            default -> reasons.add("No reliable change (less than " + instrument.reliableChange() + " points either way).");
        }
        List<AdaptationSuggestion> suggestions =
                status == ResponseStatus.NON_RESPONSE ? NON_RESPONSE_SUGGESTIONS : List.of();
        return new TreatmentResponse(instrument, status, baseline, latest, reduction, reasons, suggestions,
                Optional.of(reliable));
    }

    private static ReliableChange reliableChange(Instrument instrument, SessionScore baseline, SessionScore latest) {
        int drop = baseline.total() - latest.total();
        if (-drop >= instrument.reliableChange()) {
            return ReliableChange.DETERIORATION;
        }
        if (drop >= instrument.reliableChange()) {
            return baseline.total() >= instrument.caseness() && latest.total() < instrument.caseness()
                    ? ReliableChange.RELIABLE_RECOVERY : ReliableChange.IMPROVEMENT;
        }
        return ReliableChange.NONE;
    }

    private static String belowCaseness(Instrument instrument) {
        return "The baseline was below the clinical threshold (" + instrument.title() + " " + instrument.caseness()
                + "), so response and remission are not judged.";
    }

    // Integer arithmetic, so that exactly half (16 -> 8) is a response without rounding doubt.
    private static boolean isResponse(SessionScore baseline, SessionScore latest) {
        return baseline.total() > 0 && 2 * latest.total() <= baseline.total();
    }

    private static OptionalInt reduction(SessionScore baseline, SessionScore latest) {
        if (baseline.total() == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(100 * (baseline.total() - latest.total()) / baseline.total());
    }

    private static String change(OptionalInt reduction) {
        if (reduction.isEmpty()) {
            return "";
        }
        int r = reduction.getAsInt();
        return r >= 0 ? ", " + r + " % lower" : ", " + (-r) + " % higher";
    }

    private static List<SessionScore> checked(Instrument instrument, List<SessionScore> scores, int currentSession) {
        if (scores == null || scores.isEmpty()) {
            throw new IllegalArgumentException("no " + instrument.title() + " scores to evaluate");
        }
        for (SessionScore s : scores) {
            if (s.total() > instrument.maxTotal()) {
                throw new IllegalArgumentException(instrument.title() + " total " + s.total() + " is above "
                        + instrument.maxTotal());
            }
            if (s.session() > currentSession) {
                throw new IllegalArgumentException("a score from session " + s.session()
                        + " is later than the current session " + currentSession);
            }
        }
        // List.sort is stable: among scores of one session, the order given is kept.
        List<SessionScore> sorted = new ArrayList<>(scores);
        sorted.sort(Comparator.comparingInt(SessionScore::session));
        return sorted;
    }
}
