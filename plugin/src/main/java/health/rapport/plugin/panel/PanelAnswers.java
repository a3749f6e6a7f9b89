package health.rapport.plugin.panel;

import health.rapport.plugin.fhir.FhirIds;
import health.rapport.plugin.http.JsonAnswers;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.StoreFailure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The panel's words for what goes wrong outside the request itself — no FHIR server configured, the
 * FHIR server refusing or failing — sent as every error answer is ({@link JsonAnswers#problem}).
 */
public final class PanelAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(PanelAnswers.class);

    private PanelAnswers() {
    }

    /**
     * What every read of the panel checks first, answering the refusal itself: a signed-in caller
     * ({@code access}), {@code ?parameter=} a FHIR id of a {@code what} ("patient", "Group"), and a
     * configured FHIR server. Empty when the answer has been sent.
     */
    static Optional<String> requestedId(HttpServletRequest request, HttpServletResponse response, PanelAccess access,
            boolean connected, String parameter, String what) throws IOException {
        Optional<String> refusal = access.refusal();
        if (refusal.isPresent()) {
            JsonAnswers.problem(response, HttpServletResponse.SC_UNAUTHORIZED, refusal.get());
            return Optional.empty();
        }
        String id = request.getParameter(parameter);
        if (!FhirIds.valid(id)) {
            JsonAnswers.problem(response, HttpServletResponse.SC_BAD_REQUEST, "The address needs ?" + parameter
                    + "= with a FHIR " + what + " id (letters, digits, '-' and '.', at most 64).");
            return Optional.empty();
        }
        if (!connected) {
            notConnected(response);
            return Optional.empty();
        }
        return Optional.of(id);
    }

    /** The answer while Rapport has no FHIR server configured (its chart store is not there yet). */
    public static void notConnected(HttpServletResponse response) throws IOException {
        JsonAnswers.problem(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Rapport is not connected to "
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
            JsonAnswers.problem(response, HttpServletResponse.SC_UNAUTHORIZED, "The EHR no longer accepts this session (it has "
                    + "expired or does not allow this)." + after + " Open the panel again from the chart.");
            return;
        }
        if (e.failure() == StoreFailure.CALLER_FORBIDDEN) {
            JsonAnswers.problem(response, HttpServletResponse.SC_FORBIDDEN, "The EHR does not allow this for your session (it "
                    + "is limited to other patients or to other kinds of records)." + after);
            return;
        }
        LOG.warn("The panel could not {}: {}", action, e.failure());
        JsonAnswers.problem(response, e.failure().httpStatus(), "The EHR's FHIR server could not " + action + " ("
                + e.failure().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")." + after + " Try again shortly.");
    }
}
