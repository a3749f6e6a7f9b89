package health.rapport.plugin.fhirapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.rapport.plugin.careplan.OperationFailure;
import health.rapport.plugin.store.ChartStoreException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Rapport's failures into the answer a client gets: a refused request keeps its
 * status (4xx); a FHIR server failure becomes 502/503/504; each with an OperationOutcome
 * in plain words. Anything else stays HAPI's 500, logged once with its cause.
 */
@Interceptor
final class FailureTranslator {

    private static final Logger LOG = LoggerFactory.getLogger(FailureTranslator.class);

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(RequestDetails request, Throwable thrown,
            HttpServletRequest servletRequest, HttpServletResponse servletResponse) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof OperationFailure failure) {
                return answer(failure.status(), failure.issue(), failure.getMessage());
            }
            if (t instanceof ChartStoreException store) {
                IssueType issue = switch (store.failure()) {
                    case TIMEOUT -> IssueType.TIMEOUT;
                    case CONFLICT -> IssueType.CONFLICT;
                    case NOT_FOUND -> IssueType.NOTFOUND;
                    case CLINICIAN_REFUSED -> IssueType.SECURITY;
                    default -> IssueType.TRANSIENT;
                };
                LOG.warn("{} {}: {}", request.getRequestType(), request.getCompleteUrl(), store.getMessage());
                return answer(store.failure().httpStatus(), issue, store.getMessage());
            }
        }
        if (thrown instanceof BaseServerResponseException response && response.getStatusCode() < 500) {
            return null; // HAPI's own refusal (unknown parameter, bad id, ...): already a 4xx.
        }
        LOG.error("{} {} failed", request.getRequestType(), request.getCompleteUrl(), thrown);
        return null;
    }

    private static BaseServerResponseException answer(int status, IssueType issue, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(issue).setDiagnostics(message);
        return new RapportResponseException(status, message, outcome);
    }

    /** A response with any status, carrying its OperationOutcome. */
    static final class RapportResponseException extends BaseServerResponseException {
        private static final long serialVersionUID = 1L;

        RapportResponseException(int status, String message, OperationOutcome outcome) {
            super(status, message, outcome);
        }
    }
}
