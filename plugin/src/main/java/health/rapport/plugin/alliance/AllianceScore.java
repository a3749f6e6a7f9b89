package health.rapport.plugin.alliance;

import health.rapport.plugin.fhir.Canonicals;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.Coding;

/**
 * The session alliance score: the three ratings of Rapport's session feedback form, each weighted by
 * its answer's ordinal value in the shipped feedback-agreement CodeSystem (0 "not at all" to 4
 * "completely"), summed to 0–12. Only a form with all three ratings has a score: a missing rating
 * is never taken as zero. {@code AllianceScoreTest} fails if these weights and the CodeSystem's
 * ordinal values drift apart.
 */
public final class AllianceScore {

    public static final String CODE = "session-alliance-score";
    public static final String AGREEMENT_SYSTEM = Canonicals.BASE + "/CodeSystem/feedback-agreement";
    public static final int ITEMS = 3;
    public static final int MAX = 12;

    static final Map<String, Integer> WEIGHTS = Map.of("not-at-all", 0, "a-little", 1, "somewhat", 2, "mostly", 3,
            "completely", 4);

    private AllianceScore() {
    }

    /** The score of the three ratings, or empty when one is missing or not a feedback-agreement code. */
    public static OptionalInt of(List<Coding> ratings) {
        if (ratings.size() != ITEMS) {
            return OptionalInt.empty();
        }
        int sum = 0;
        for (Coding rating : ratings) {
            Integer weight = AGREEMENT_SYSTEM.equals(rating.getSystem()) ? WEIGHTS.get(rating.getCode()) : null;
            if (weight == null) {
                return OptionalInt.empty();
            }
            sum += weight;
        }
        return OptionalInt.of(sum);
    }
}
