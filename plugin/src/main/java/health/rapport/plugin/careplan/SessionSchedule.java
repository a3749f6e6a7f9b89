package health.rapport.plugin.careplan;

/**
 * Maps the session ranges of the acute-course template (written for the manual's 16
 * sessions: initial 1–3, middle 4–13, termination 14–16) onto the contracted number of
 * sessions. The initial and termination phases keep about three sixteenths of the course
 * each (never fewer than two sessions), the middle phase takes the rest; a range that starts
 * or ends on a phase boundary keeps that boundary (a baseline stays in session 1, a final
 * measure in the last session).
 */
public final class SessionSchedule {

    public static final int TEMPLATE_SESSIONS = 16;
    public static final int MIN_SESSIONS = 8;
    public static final int MAX_SESSIONS = 20;

    private static final int[][] TEMPLATE = {{1, 3}, {4, 13}, {14, 16}};

    private final int sessions;
    private final int[][] phases;

    public SessionSchedule(int sessions) {
        if (sessions < MIN_SESSIONS || sessions > MAX_SESSIONS) {
            throw new IllegalArgumentException("an IPT acute course has " + MIN_SESSIONS + " to " + MAX_SESSIONS
                    + " sessions, not " + sessions);
        }
        this.sessions = sessions;
        int edge = Math.max(2, Math.round(3f * sessions / TEMPLATE_SESSIONS));
        this.phases = new int[][] {{1, edge}, {edge + 1, sessions - edge}, {sessions - edge + 1, sessions}};
    }

    public int sessions() {
        return sessions;
    }

    /** The session range of an acute phase (maintenance has none). */
    public int[] phase(IptPhase phase) {
        return switch (phase) {
            case INITIAL -> phases[0].clone();
            case MIDDLE -> phases[1].clone();
            case TERMINATION -> phases[2].clone();
            case MAINTENANCE -> throw new IllegalArgumentException("maintenance is open-ended");
        };
    }

    /** The phase a session belongs to. */
    public IptPhase phaseOf(int session) {
        if (session <= phases[0][1]) {
            return IptPhase.INITIAL;
        }
        return session <= phases[1][1] ? IptPhase.MIDDLE : IptPhase.TERMINATION;
    }

    /** Maps a template range (16-session numbering) within {@code phase} onto this course. */
    public int[] scale(IptPhase phase, int low, int high) {
        int index = phase.ordinal();
        int[] template = TEMPLATE[index];
        int[] target = phases[index];
        return new int[] {map(low, template, target), Math.max(map(low, template, target), map(high, template, target))};
    }

    private static int map(int session, int[] template, int[] target) {
        if (session <= template[0]) {
            return target[0];
        }
        if (session >= template[1]) {
            return target[1];
        }
        double position = (double) (session - template[0]) / (template[1] - template[0]);
        return (int) Math.round(target[0] + position * (target[1] - target[0]));
    }
}
