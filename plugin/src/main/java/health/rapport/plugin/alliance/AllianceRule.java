package health.rapport.plugin.alliance;

import java.util.List;
import java.util.Optional;

/**
 * When a session alliance score suggests a possible rupture: the latest score is at or below the
 * site's low mark, or it fell by at least the site's drop from the patient's own running mean of
 * the earlier scores (at least two, so one session is never a baseline). Comparing a patient with
 * themselves follows the rupture literature's point that ruptures show as a deterioration in the
 * relationship (Safran &amp; Muran 2000; Eubanks, Muran &amp; Safran 2018); the marks are site settings,
 * not validated cut-offs, since the score is Rapport's own routine feedback.
 */
public final class AllianceRule {

    public static final int DEFAULT_LOW_SCORE = 6;
    public static final int DEFAULT_DROP = 3;

    private final int lowScore;
    private final int drop;

    public AllianceRule(int lowScore, int drop) {
        this.lowScore = lowScore;
        this.drop = drop;
    }

    public Optional<AllianceWarning> check(List<AllianceReading> series) {
        if (series.isEmpty()) {
            return Optional.empty();
        }
        AllianceReading latest = series.get(series.size() - 1);
        List<AllianceReading> earlier = series.subList(0, series.size() - 1);
        if (latest.score() <= lowScore) {
            return Optional.of(new AllianceWarning(latest, "The latest session alliance score is " + latest.score() + " of "
                    + AllianceScore.MAX + ", at or below the low mark of " + lowScore + "."));
        }
        if (earlier.size() >= 2) {
            double mean = earlier.stream().mapToInt(AllianceReading::score).average().orElse(latest.score());
            if (mean - latest.score() >= drop) {
                return Optional.of(new AllianceWarning(latest, String.format(java.util.Locale.ROOT,
                        "The latest session alliance score is %d of %d, %.1f below the patient's own mean of %.1f "
                                + "over %d earlier sessions (a drop of %d or more is flagged).",
                        latest.score(), AllianceScore.MAX, mean - latest.score(), mean, earlier.size(), drop)));
            }
        }
        return Optional.empty();
    }
}
