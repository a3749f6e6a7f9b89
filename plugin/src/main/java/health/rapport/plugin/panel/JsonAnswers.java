package health.rapport.plugin.panel;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.rapport.plugin.http.ErrorAnswers;
import health.rapport.plugin.http.RapportIssue;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.StoreFailure;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
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

    /**
     * A 4xx/5xx answer: an OperationOutcome with one error issue saying {@code message}, its
     * {@link RapportIssue} code and a correlation id ({@link ErrorAnswers}).
     */
    public static void problem(HttpServletResponse response, int status, String message) throws IOException {
        ErrorAnswers.send(response, status, RapportIssue.forStatus(status), message);
    }

    /** The answer while Rapport has no FHIR server configured (its chart store is not there yet). */
    public static void notConnected(HttpServletResponse response) throws IOException {
        problem(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Rapport is not connected to "
                + "the EHR's FHIR server yet (health.rapport.fhirserver is not configured).");
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
        if (e.failure() == StoreFailure.CALLER_FORBIDDEN) {
            problem(response, HttpServletResponse.SC_FORBIDDEN, "The EHR does not allow this for your session (it "
                    + "is limited to other patients or to other kinds of records)." + after);
            return;
        }
        LOG.warn("The panel could not {}: {}", action, e.failure());
        problem(response, e.failure().httpStatus(), "The EHR's FHIR server could not " + action + " ("
                + e.failure().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")." + after + " Try again shortly.");
    }
}
