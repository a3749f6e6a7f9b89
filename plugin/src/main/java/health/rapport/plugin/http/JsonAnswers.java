package health.rapport.plugin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How every Rapport servlet answers (the panel's API, CDS Hooks, health, notify, SMART launch, forms):
 * JSON in UTF-8 and never cached — the answers carry psychotherapy records, tokens or the state of one
 * host, none of which a proxy or browser may keep. A refusal or failure is an OperationOutcome
 * ({@link #problem}, built by {@link ErrorAnswers}). Dates (java.time) are written as ISO-8601 text.
 */
public final class JsonAnswers {

    public static final String JSON = "application/json";
    public static final String FHIR_JSON = "application/fhir+json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonAnswers() {
    }

    /** {@code body} as JSON ({@code application/json}) with {@code status}. */
    public static void send(HttpServletResponse response, int status, Object body) throws IOException {
        write(response, status, JSON, body);
    }

    /** A FHIR resource already encoded as JSON ({@code application/fhir+json}) with {@code status}. */
    public static void sendFhir(HttpServletResponse response, int status, String resourceJson) throws IOException {
        start(response, status, FHIR_JSON);
        response.getOutputStream().write(resourceJson.getBytes(StandardCharsets.UTF_8));
    }

    /** A status without a body (a protocol's bare answer, e.g. a rest-hook's 200), still never cached. */
    public static void status(HttpServletResponse response, int status) {
        response.setStatus(status);
        noStore(response);
    }

    /**
     * A 4xx/5xx answer: an OperationOutcome with one error issue saying {@code message}, the
     * {@link RapportIssue} code of its status and a correlation id ({@link ErrorAnswers}).
     */
    public static void problem(HttpServletResponse response, int status, String message) throws IOException {
        ErrorAnswers.send(response, status, RapportIssue.forStatus(status), message);
    }

    /** A refusal a processor threw: its status and words. */
    public static void problem(HttpServletResponse response, OperationFailure failure) throws IOException {
        problem(response, failure.status(), failure.getMessage());
    }

    /** The header every answer of Rapport carries, also for filters that answer before any servlet. */
    public static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }

    /** {@code body} as the JSON text these answers carry (for a framework that sends it itself, as HAPI does). */
    public static String toJson(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + body.getClass().getSimpleName(), e);
        }
    }

    static void write(HttpServletResponse response, int status, String contentType, Object body) throws IOException {
        start(response, status, contentType);
        MAPPER.writeValue(response.getOutputStream(), body);
    }

    private static void start(HttpServletResponse response, int status, String contentType) {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        noStore(response);
    }
}
