package health.rapport.plugin.inventory;

import java.util.List;

/**
 * A QuestionnaireResponse that cannot be extracted as an Interpersonal Inventory: the operation
 * answers 422 with an OperationOutcome listing {@link #problems()}.
 */
public final class InvalidInventoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public InvalidInventoryException(List<String> problems) {
        super("The Interpersonal Inventory response cannot be extracted: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidInventoryException(String problem) {
        this(List.of(problem));
    }

    /** One sentence per defect, naming the item (linkId) where there is one. */
    public List<String> problems() {
        return problems;
    }
}
