package health.rapport.plugin.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one rule that decides a patient's PHQ-9 item-9 state (docs/clinical-rules.md):
 *
 * <ol>
 *   <li>The answers that matter are every positive answer within the look-back and the latest answer
 *       whatever its age. A newer 0 never silences a recent positive.</li>
 *   <li>A positive answer stays an alert until a clinician records a risk review at or after it.</li>
 *   <li>{@link Item9Status#POSITIVE} when an alert stands; else {@link Item9Status#COULD_NOT_CHECK} when
 *       a source could not be read or a record that may be positive could not be read (a possible
 *       positive, never a negative); else {@link Item9Status#REVIEWED} when positive answers in the
 *       look-back were all reviewed; else {@link Item9Status#NOT_ANSWERED} when the newest completed
 *       PHQ-9 in the look-back left item 9 blank; else {@link Item9Status#NEGATIVE} or
 *       {@link Item9Status#NONE}.</li>
 * </ol>
 * Times are instants: answers from systems in other time zones are compared by when they happened.
 */
public final class SafetyRule {

    private static final Comparator<Item9Answer> NEWEST_FIRST = Comparator.comparing(Item9Answer::when).reversed();

    private final Duration lookback;

    public SafetyRule(Duration lookback) {
        if (lookback.isNegative()) {
            throw new IllegalArgumentException("the look-back must not be negative");
        }
        this.lookback = lookback;
    }

    public Duration lookback() {
        return lookback;
    }

    /**
     * @param findings what was read
     * @param unavailable the item-9 sources that could not be read at all (e.g. "PHQ-9 responses")
     * @param now the time of the check
     */
    public Item9State assess(Item9Findings findings, List<String> unavailable, Instant now) {
        Instant since = now.minus(lookback);
        List<Item9Answer> answers = new ArrayList<>(findings.answers());
        answers.sort(NEWEST_FIRST);
        Optional<Item9Answer> latest = answers.stream().findFirst();
        List<Item9Answer> relevant = answers.stream()
                .filter(Item9Answer::positive)
                .filter(a -> !a.when().isBefore(since) || latest.get() == a)
                .toList();
        List<Item9Answer> alert = relevant.stream().filter(a -> coveringReview(findings, a).isEmpty()).toList();
        List<Item9Answer> reviewed = relevant.stream().filter(a -> coveringReview(findings, a).isPresent()).toList();
        Optional<RiskReview> review = findings.reviews().stream()
                .filter(r -> reviewed.stream().anyMatch(a -> !r.assessedAt().isBefore(a.when())))
                .max(Comparator.comparing(RiskReview::assessedAt));
        Optional<Unanswered> unanswered = findings.unanswered().stream()
                .filter(u -> !u.when().isBefore(since))
                .filter(u -> latest.map(a -> u.when().isAfter(a.when())).orElse(true))
                .max(Comparator.comparing(Unanswered::when));
        boolean doubtful = !unavailable.isEmpty() || findings.skipped().stream().anyMatch(s -> s.doubtful());

        Item9Status status;
        if (!alert.isEmpty()) {
            status = Item9Status.POSITIVE;
        } else if (doubtful) {
            status = Item9Status.COULD_NOT_CHECK;
        } else if (!reviewed.isEmpty()) {
            status = Item9Status.REVIEWED;
        } else if (unanswered.isPresent()) {
            status = Item9Status.NOT_ANSWERED;
        } else {
            status = latest.isPresent() ? Item9Status.NEGATIVE : Item9Status.NONE;
        }
        return new Item9State(status, alert, reviewed, review, latest, unanswered, unavailable, findings.skipped());
    }

    private static Optional<RiskReview> coveringReview(Item9Findings findings, Item9Answer answer) {
        return findings.reviews().stream().filter(r -> !r.assessedAt().isBefore(answer.when()))
                .max(Comparator.comparing(RiskReview::assessedAt));
    }
}
