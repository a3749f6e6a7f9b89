package health.rapport.plugin.measures;

import java.util.List;
import java.util.OptionalInt;

/**
 * A QuestionnaireResponse that cannot be scored (not a Rapport measure, answers outside the answer
 * list, no scored item answered...): the operation answers 422 with an OperationOutcome listing
 * {@link #problems()}.
 *
 * <p>Even then, {@link #item9()} holds the PHQ-9 item 9 weight when that answer itself was valid, so
 * the caller can still raise the safety signal: other defects of the form never hide it.
 */
public final class UnscorableResponseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;
    private final transient OptionalInt item9;

    public UnscorableResponseException(List<String> problems, OptionalInt item9) {
        super("The QuestionnaireResponse cannot be scored: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.item9 = item9;
    }

    public UnscorableResponseException(String problem) {
        this(List.of(problem), OptionalInt.empty());
    }

    /** One human-readable sentence per defect, each naming the item (linkId) where there is one. */
    public List<String> problems() {
        return problems;
    }

    /** The valid PHQ-9 item 9 weight, if the response had one. */
    public OptionalInt item9() {
        return item9;
    }

    /** PHQ-9 item 9 above 0, as far as it could be read. */
    public boolean safetySignal() {
        return item9.isPresent() && item9.getAsInt() > 0;
    }
}
