package health.rapport.plugin.exchange.imports;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.rapport.plugin.http.ErrorAnswers;
import java.util.List;

/**
 * A document refused before anything was written, answered with one OperationOutcome that lists
 * every problem found, so the sender can fix them all at once rather than one per attempt. The
 * OperationOutcome itself is built where every error answer is ({@link ErrorAnswers}).
 */
public final class DocumentRejected extends BaseServerResponseException {

    private static final long serialVersionUID = 1L;

    private final transient List<ErrorAnswers.Issue> issues;

    DocumentRejected(int status, List<Problem> problems) {
        super(status, summary(problems));
        this.issues = problems.stream()
                .map(p -> new ErrorAnswers.Issue(p.type().toCode(), p.message(), p.expression()))
                .toList();
    }

    /** Each problem as an issue of the answer: its type, words and place in the document. */
    public List<ErrorAnswers.Issue> issues() {
        return issues;
    }

    private static String summary(List<Problem> problems) {
        return "The document was not imported: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + " found; see the OperationOutcome.";
    }
}
