package health.rapport.plugin.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.StoreFailure;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the panel's endpoints answer: JSON, never cached (it is a psychotherapy record); a refusal
 * or failure as a FHIR OperationOutcome whose diagnostics are the plain words the panel shows.
 */
public final class JsonAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(JsonAnswers.class);

    private JsonAnswers() {
    }

    public static void send(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        JSON.writeValue(response.getOutputStream(), body);
    }

    /** A 4xx/5xx answer: an OperationOutcome with one error issue saying {@code message}. */
    public static void problem(HttpServletResponse response, int status, String message) throws IOException {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("severity", "error");
        issue.put("code", issueType(status));
        issue.put("diagnostics", message);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("resourceType", "OperationOutcome");
        outcome.put("issue", List.of(issue));
        send(response, status, outcome);
    }

    /**
     * The answer to a FHIR server failure while the panel's request was being served: a refused
     * clinician token is a 401 (open the panel again); anything else keeps the failure's status
     * and is logged once. {@code action} says what could not be done ("read the chart"),
     * {@code consequence} what the clinician should know ("" or "Nothing was saved.").
     */
    public static void storeFailure(HttpServletResponse response, ChartStoreException e, String action,
            String consequence) throws IOException {
        String after = consequence.isEmpty() ? "" : " " + consequence;
        if (e.failure() == StoreFailure.CLINICIAN_REFUSED) {
            problem(response, HttpServletResponse.SC_UNAUTHORIZED, "The EHR no longer accepts this session (it has "
                    + "expired or does not allow this)." + after + " Open the panel again from the chart.");
            return;
        }
        LOG.warn("The panel could not {}: {}", action, e.failure());
        problem(response, e.failure().httpStatus(), "The EHR's FHIR server could not " + action + " ("
                + e.failure().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")." + after + " Try again shortly.");
    }

    static String issueType(int status) {
        return switch (status) {
            case 401, 403 -> "security";
            case 404 -> "not-found";
            case 409, 412 -> "conflict";
            case 413 -> "too-costly";
            case 422 -> "business-rule";
            case 504 -> "timeout";
            default -> status >= 500 ? "transient" : "invalid";
        };
    }
}
