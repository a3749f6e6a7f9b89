package health.rapport.plugin.safety;

import health.rapport.plugin.measures.SkippedRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The item-9 state in the words every surface uses: the CDS card, the panel, the summary, the operation. */
public final class Item9Words {

    private static final String[] ANSWERS = {"not at all", "several days", "more than half the days", "nearly every day"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Item9Words() {
    }

    /** One line: what the state is and what to do. */
    public static String headline(Item9State state) {
        return switch (state.status()) {
            case POSITIVE -> {
                Item9Answer newest = state.positives().get(0);
                yield "PHQ-9 item 9 positive (" + briefly(newest.value()) + ") on " + time(newest.when())
                        + ": assess suicide risk now";
            }
            case COULD_NOT_CHECK -> "PHQ-9 item 9 could not be checked: look at the patient's latest PHQ-9 answers yourself";
            case NOT_ANSWERED -> "PHQ-9 item 9 was left unanswered (" + time(state.unanswered().orElseThrow().when())
                    + "): ask the patient about it directly";
            case REVIEWED -> {
                RiskReview review = state.review().orElseThrow();
                yield "PHQ-9 item 9 positive (" + briefly(state.reviewed().get(0).value()) + ") on "
                        + time(state.reviewed().get(0).when()) + "; risk assessed by " + review.assessedBy() + " on "
                        + time(review.assessedAt());
            }
            case NEGATIVE -> "PHQ-9 item 9: " + answer(state.latest().orElseThrow().value()) + " ("
                    + time(state.latest().orElseThrow().when()) + ")";
            case NONE -> "No PHQ-9 item 9 answer on record";
        };
    }

    /** The lines behind the headline: the answers, the review, what could not be read. */
    public static List<String> details(Item9State state) {
        List<String> lines = new ArrayList<>();
        for (Item9Answer answer : state.positives()) {
            lines.add("Positive answer " + answer(answer.value()) + ", " + time(answer.when()) + " — " + answer.source());
        }
        for (Item9Answer answer : state.reviewed()) {
            lines.add("Reviewed answer " + answer(answer.value()) + ", " + time(answer.when()) + " — " + answer.source());
        }
        state.review().ifPresent(r -> lines.add("Risk review by " + r.assessedBy() + ", " + time(r.assessedAt()) + ": "
                + r.outcome() + "; safety plan " + (r.safetyPlan() ? "made" : "not made")
                + r.nextReview().map(n -> "; next review " + n).orElse("") + " — " + r.source()));
        state.unanswered().ifPresent(u -> lines.add("Item 9 unanswered, " + time(u.when()) + " — " + u.source()));
        for (String source : state.unavailable()) {
            lines.add("Could not read the " + source + ".");
        }
        for (SkippedRecord skipped : state.skipped()) {
            lines.add("Set aside " + skipped.source() + ": " + skipped.reason()
                    + (skipped.doubtful() ? " (may hold a positive answer: check it)" : "") + ".");
        }
        return lines;
    }

    private static String briefly(int value) {
        return value + ": " + ANSWERS[Math.max(0, Math.min(value, 3))];
    }

    public static String answer(int value) {
        return value + " (" + ANSWERS[Math.max(0, Math.min(value, 3))] + ")";
    }

    public static String time(Instant when) {
        return TIME.format(when);
    }
}
