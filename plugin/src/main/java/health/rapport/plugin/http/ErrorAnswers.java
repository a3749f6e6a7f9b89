package health.rapport.plugin.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every error answer of Rapport: an OperationOutcome with plain words, a stable
 * {@link RapportIssue} code and a correlation id (also in the {@value #CORRELATION_HEADER}
 * header) under which the details — exception, FHIR server answer, URLs — are logged
 * server-side. Never a class name, a stack trace or an internal address.
 */
public final class ErrorAnswers {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

    private ErrorAnswers() {
    }

    /** The correlation id of an error answer: the id of the request being served ({@link RequestIds}). */
    public static String correlationId() {
        return RequestIds.current();
    }

    /** A new id: 12 characters, easy to read out over the phone. */
    static String newId() {
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    /** Sends the error with a new correlation id and returns that id (for the caller's log line). */
    public static String send(HttpServletResponse response, int status, RapportIssue issue, String message)
            throws IOException {
        String correlation = correlationId();
        send(response, status, issue, message, correlation);
        return correlation;
    }

    public static void send(HttpServletResponse response, int status, RapportIssue issue, String message,
            String correlation) throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader(CORRELATION_HEADER, correlation);
        JSON.writeValue(response.getOutputStream(), outcome(issue, message, correlation));
    }

    /** The OperationOutcome as a JSON tree (so servlets without HAPI can send it). */
    public static Map<String, Object> outcome(RapportIssue issue, String message, String correlation) {
        Map<String, Object> coding = new LinkedHashMap<>();
        coding.put("system", RapportIssue.SYSTEM);
        coding.put("code", issue.code());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("severity", "error");
        entry.put("code", issue.issueType());
        entry.put("details", Map.of("coding", List.of(coding), "text", message));
        entry.put("diagnostics", message + " (reference " + correlation + ")");
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("resourceType", "OperationOutcome");
        outcome.put("id", correlation);
        outcome.put("issue", List.of(entry));
        return outcome;
    }
}
