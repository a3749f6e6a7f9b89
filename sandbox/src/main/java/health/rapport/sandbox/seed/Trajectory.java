package health.rapport.sandbox.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How a cohort course went, and what the caseload should flag for it. PHQ-9 thresholds (caseness 10,
 * remission below 5, response 50 % below baseline, reliable change 6 points; GAD-7 4 points) are those
 * of docs/clinical-rules.md; the courses are built to fall clearly on one side of them.
 */
public enum Trajectory {

    /** Open, 4–10 sessions, PHQ-9 down by about two thirds: nothing to flag. */
    RESPONDER(true, "responder"),
    /** Open, 7–10 sessions, PHQ-9 within 3 points of baseline: not on track at the review session. */
    NON_RESPONDER(true, "non-responder past the review session"),
    /** Open, 4–5 sessions, PHQ-9 up by 8 from a baseline of 11–13: reliable deterioration. */
    DETERIORATOR(true, "reliable deterioration"),
    /** Open, 3–5 sessions, the last one 4–6 weeks ago, its measures never filled in. */
    LAPSING(true, "no session for weeks, measures overdue"),
    /** Open, improving, PHQ-9 item 9 answered 1 at the last session, no risk review yet. */
    ITEM9_POSITIVE(true, "PHQ-9 item 9 positive"),
    /** Open, improving, session alliance score 4 of 12 at the last session. */
    ALLIANCE(true, "alliance warning"),
    /** Completed, 12–16 sessions, in response or remission. */
    COMPLETED_RESPONDER(false, "completed, responder"),
    /** Completed, 12–16 sessions, no response. */
    COMPLETED_NON_RESPONDER(false, "completed, non-responder"),
    /** Ended early (plan revoked) after 2–4 sessions. */
    DROPPED_OUT(false, "dropped out");

    private static final Trajectory[] MIX = {DROPPED_OUT, RESPONDER, RESPONDER, RESPONDER, RESPONDER, RESPONDER,
        NON_RESPONDER, NON_RESPONDER, NON_RESPONDER, DETERIORATOR, DETERIORATOR, LAPSING, LAPSING, ITEM9_POSITIVE,
        ALLIANCE, COMPLETED_RESPONDER, COMPLETED_RESPONDER, COMPLETED_RESPONDER, COMPLETED_NON_RESPONDER, DROPPED_OUT};

    private final boolean open;
    private final String description;

    Trajectory(boolean open, String description) {
        this.open = open;
        this.description = description;
    }

    /** Course {@code n}'s trajectory: every 20 courses hold the same mix. */
    public static Trajectory of(int n) {
        return MIX[n % MIX.length];
    }

    public boolean open() {
        return open;
    }

    public String describe() {
        return (open ? "open" : "closed") + ": " + description;
    }

    /** PHQ-9 totals of the sessions held, first to last. */
    List<Integer> phq9(Random random) {
        List<Integer> out = new ArrayList<>();
        switch (this) {
            case NON_RESPONDER, COMPLETED_NON_RESPONDER -> {
                int baseline = 15 + random.nextInt(5);
                int held = this == NON_RESPONDER ? 7 + random.nextInt(4) : 12 + random.nextInt(5);
                out.add(baseline);
                for (int s = 1; s < held; s++) {
                    out.add(baseline - random.nextInt(4));
                }
            }
            case DETERIORATOR -> {
                int baseline = 11 + random.nextInt(3);
                int held = 4 + random.nextInt(2);
                for (int s = 0; s < held; s++) {
                    out.add(Math.min(27, baseline + Math.round(s * 8f / (held - 1))));
                }
            }
            default -> {
                int baseline = 14 + random.nextInt(7);
                int held = switch (this) {
                    case LAPSING, ITEM9_POSITIVE -> 3 + random.nextInt(3);
                    case ALLIANCE -> 4 + random.nextInt(3);
                    case COMPLETED_RESPONDER -> 12 + random.nextInt(5);
                    case DROPPED_OUT -> 2 + random.nextInt(3);
                    default -> 4 + random.nextInt(7);
                };
                float fall = this == LAPSING || this == DROPPED_OUT ? 0.25f : 0.65f;
                for (int s = 0; s < held; s++) {
                    int noise = s == 0 || s == held - 1 ? 0 : random.nextInt(3) - 1;
                    out.add(Math.max(0, Math.round(baseline - baseline * fall * s / (held - 1)) + noise));
                }
            }
        }
        return out;
    }

    /** Days from the last session held to now. */
    int daysSinceLastSession(Random random) {
        return switch (this) {
            case LAPSING -> 28 + random.nextInt(14);
            case COMPLETED_RESPONDER, COMPLETED_NON_RESPONDER, DROPPED_OUT -> 30 + random.nextInt(300);
            default -> 1 + random.nextInt(5);
        };
    }

    /** GAD-7 follows PHQ-9 at a little over half its pace. */
    int gad7(int gadBaseline, int phqBaseline, int phq) {
        return gadBaseline + Math.round(0.6f * (phq - phqBaseline));
    }
}
