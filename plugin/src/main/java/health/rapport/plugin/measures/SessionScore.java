package health.rapport.plugin.measures;

/**
 * One total of a measure, at the IPT session it was taken.
 *
 * @param session the session number (0 for an assessment before the first session)
 * @param total the total score
 */
public record SessionScore(int session, int total) {

    public SessionScore {
        if (session < 0) {
            throw new IllegalArgumentException("session " + session + " is negative");
        }
        if (total < 0) {
            throw new IllegalArgumentException("total " + total + " is negative");
        }
    }
}
