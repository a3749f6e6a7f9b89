package health.rapport.plugin.operations;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.exchange.imports.DocumentRejected;
import health.rapport.plugin.http.ErrorAnswers;
import health.rapport.plugin.http.JsonAnswers;
import health.rapport.plugin.http.RapportIssue;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.StoreFailure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure of {@code /rapport/fhir} into the answer a client gets: an OperationOutcome
 * in plain words with a stable {@link RapportIssue} code and a correlation id, under which the
 * details (exception, FHIR server answer, URLs) are logged here. A refused request keeps its status
 * (4xx); a FHIR server's 4xx keeps its meaning (a caller's token refused is 401/403, a resource not
 * found 404, a stale version 409); only a real outage of the FHIR server is 502/503/504. No answer
 * carries a Java class name, a {@code HAPI-} code, a stack trace or an internal URL.
 */
@Interceptor
final class FailureTranslator {

    private static final Logger LOG = LoggerFactory.getLogger(FailureTranslator.class);
    /** What must never reach a client: HAPI's message codes, class names, URLs. */
    private static final Pattern LEAK = Pattern.compile(
            "HAPI-\\d+|\\b[a-z]+(\\.[a-z0-9_]+)+\\.[A-Z]\\w*|https?://|Exception|\\bat [\\w.$]+\\(");

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(RequestDetails request, Throwable thrown,
            HttpServletRequest servletRequest, HttpServletResponse servletResponse) {
        String correlation = ErrorAnswers.correlationId();
        servletResponse.setHeader(ErrorAnswers.CORRELATION_HEADER, correlation);
        String what = request.getRequestType() + " " + request.getRequestPath();
        FhirContext fhir = request.getFhirContext();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof LinkageError) {
                // The bundle was replaced under this request: its class loader closed while it ran.
                LOG.warn("[{}] {} caught by an update of Rapport: {}", correlation, what, t.toString());
                servletResponse.setHeader("Retry-After", "5");
                return answer(fhir, 503, RapportIssue.UPDATING, "Rapport was being updated while it answered; this "
                        + "request may not have finished. Repeat it in a moment.", correlation);
            }
            if (t instanceof OperationFailure failure) {
                LOG.info("[{}] {} refused: {}", correlation, what, failure.getMessage());
                return answer(fhir, failure.status(), failure.issue(), failure.getMessage(), correlation);
            }
            if (t instanceof DocumentRejected rejected) {
                // Every problem of the document, each in Rapport's own words and with its place.
                LOG.info("[{}] {} refused: {}", correlation, what, rejected.getMessage());
                int status = rejected.getStatusCode();
                return answer(fhir, status, rejected.getMessage(),
                        ErrorAnswers.outcome(RapportIssue.forStatus(status), rejected.issues(), correlation));
            }
            if (t instanceof ChartStoreException store) {
                LOG.warn("[{}] {}: {}", correlation, what, store.getMessage());
                return answer(fhir, store.failure().httpStatus(), rapportIssue(store.failure()),
                        storeWords(store.failure()), correlation);
            }
        }
        if (thrown instanceof BaseServerResponseException response && response.getStatusCode() < 500) {
            // HAPI's own refusal (unknown type or parameter, unreadable body, ...): keep the status, say it plainly.
            int status = response.getStatusCode();
            LOG.info("[{}] {} refused by the FHIR layer: {}", correlation, what, response.getMessage());
            return answer(fhir, status, RapportIssue.forStatus(status), plain(response.getMessage(), status), correlation);
        }
        LOG.error("[{}] {} failed", correlation, what, thrown);
        return answer(fhir, 500, RapportIssue.INTERNAL, "Rapport could not complete this request. "
                + "Nothing was written. Give the reference to your administrator.", correlation);
    }

    /** HAPI's words for a refusal, if they say nothing internal; otherwise words chosen by status. */
    static String plain(String message, int status) {
        String text = message == null ? "" : message.replaceFirst("^HAPI-\\d+:\\s*", "").strip();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline);
        }
        if (!text.isEmpty() && text.length() <= 300 && !LEAK.matcher(text).find()) {
            return text;
        }
        return switch (status) {
            case 404 -> "There is no such resource or operation at this address.";
            case 405 -> "This operation is not available with this HTTP method.";
            case 406, 415 -> "Rapport speaks FHIR JSON (application/fhir+json) only.";
            default -> "The request could not be read: it is not a well-formed FHIR request for this operation.";
        };
    }

    private static String storeWords(StoreFailure failure) {
        return switch (failure) {
            case NOT_FOUND -> "The EHR has no such record (or does not show it to this caller).";
            case CONFLICT -> "The record changed meanwhile; nothing was written. Read it again and retry.";
            case INVALID, REJECTED -> "The EHR's FHIR server refused the request as invalid; nothing was written.";
            case CLINICIAN_REFUSED -> "The EHR no longer accepts this access token (expired or revoked); nothing was "
                    + "written. Sign in again.";
            case CALLER_FORBIDDEN -> "The EHR does not allow this caller to read or change this record (its scopes or "
                    + "its patient); nothing was written.";
            case UNAUTHORISED -> "The EHR's FHIR server refused Rapport's own credentials; nothing was written.";
            case UNAVAILABLE -> "The EHR's FHIR server cannot be reached; nothing was written. Try again shortly.";
            case TIMEOUT -> "The EHR's FHIR server did not answer in time; nothing was written. Try again shortly.";
            case BAD_GATEWAY -> "The EHR's FHIR server answered in a way Rapport cannot use; nothing was written.";
        };
    }


    private static RapportIssue rapportIssue(StoreFailure failure) {
        return switch (failure) {
            case INVALID, REJECTED -> RapportIssue.FHIR_SERVER_REFUSED;
            default -> RapportIssue.forStatus(failure.httpStatus());
        };
    }

    private static BaseServerResponseException answer(FhirContext fhir, int status, RapportIssue code, String message,
            String correlation) {
        return answer(fhir, status, message, ErrorAnswers.outcome(code, message, correlation));
    }

    /** The one OperationOutcome of every error answer ({@link ErrorAnswers}), in HAPI's model for HAPI to send. */
    private static BaseServerResponseException answer(FhirContext fhir, int status, String message,
            Map<String, Object> outcome) {
        return new RapportResponseException(status, message,
                fhir.newJsonParser().parseResource(OperationOutcome.class, JsonAnswers.toJson(outcome)));
    }

    /** A response with any status, carrying its OperationOutcome. */
    static final class RapportResponseException extends BaseServerResponseException {
        private static final long serialVersionUID = 1L;

        RapportResponseException(int status, String message, OperationOutcome outcome) {
            super(status, message, outcome);
        }
    }
}
