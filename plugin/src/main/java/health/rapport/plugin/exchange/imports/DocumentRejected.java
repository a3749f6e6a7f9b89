package health.rapport.plugin.exchange.imports;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A document refused before anything was written, answered with one OperationOutcome that lists
 * every problem found, so the sender can fix them all at once rather than one per attempt.
 */
public final class DocumentRejected extends BaseServerResponseException {

    private static final long serialVersionUID = 1L;

    DocumentRejected(int status, List<Problem> problems) {
        super(status, summary(problems), outcome(problems));
    }

    static OperationOutcome outcome(List<Problem> problems) {
        OperationOutcome outcome = new OperationOutcome();
        for (Problem problem : problems) {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(problem.type())
                    .setDiagnostics(problem.message());
            if (problem.expression() != null) {
                issue.addExpression(problem.expression());
            }
        }
        return outcome;
    }

    private static String summary(List<Problem> problems) {
        return "The document was not imported: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + " found; see the OperationOutcome.";
    }
}
