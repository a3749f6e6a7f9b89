package health.rapport.plugin.measures;

/** What one scored item of a response holds, read on its own, apart from the rest of the form. */
public sealed interface ItemReading {

    /** One answer with a valid weight (0-3). */
    record Answered(int weight) implements ItemReading {
    }

    /** No answer to the item. */
    record Unanswered() implements ItemReading {
    }

    /** An answer that has no valid weight, or several answers: why, in plain words. */
    record Unreadable(String problem) implements ItemReading {
    }
}
