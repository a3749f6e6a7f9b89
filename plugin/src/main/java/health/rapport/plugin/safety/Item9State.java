package health.rapport.plugin.safety;

import health.rapport.plugin.measures.SkippedRecord;
import java.util.List;
import java.util.Optional;

/**
 * A patient's PHQ-9 item-9 state: the one answer the CDS card, the panel's banner, the exported
 * summary and {@code $ipt-process} all give.
 *
 * @param status where the patient stands
 * @param positives positive answers no risk review covers yet, newest first (the alert)
 * @param reviewed positive answers a risk review covers, newest first
 * @param review the latest risk review, if any covers a positive answer in the look-back
 * @param latest the newest usable answer, if any
 * @param unanswered the newest completed PHQ-9 without an item-9 answer, when newer than every answer
 * @param unavailable the sources that could not be read (why the check is incomplete)
 * @param skipped records set aside, with the reason (doubtful ones make the check incomplete)
 */
public record Item9State(Item9Status status, List<Item9Answer> positives, List<Item9Answer> reviewed,
        Optional<RiskReview> review, Optional<Item9Answer> latest, Optional<Unanswered> unanswered,
        List<String> unavailable, List<SkippedRecord> skipped) {

    public Item9State {
        positives = List.copyOf(positives);
        reviewed = List.copyOf(reviewed);
        unavailable = List.copyOf(unavailable);
        skipped = List.copyOf(skipped);
    }

    /** The records that may hold a positive answer Rapport could not read. */
    public List<SkippedRecord> doubtful() {
        return skipped.stream().filter(SkippedRecord::doubtful).toList();
    }
}
