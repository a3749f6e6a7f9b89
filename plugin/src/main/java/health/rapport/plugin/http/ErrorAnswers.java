package health.rapport.plugin.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every error answer of Rapport, and the one place its OperationOutcome is built: plain words, a
 * stable {@link RapportIssue} code and a correlation id (also in the {@value #CORRELATION_HEADER}
 * header) under which the details — exception, FHIR server answer, URLs — are logged
 * server-side. Never a class name, a stack trace or an internal address. Servlets send it as JSON
 * ({@link JsonAnswers}); the FHIR operations' {@code FailureTranslator} parses the same tree into
 * HAPI's model.
 */
public final class ErrorAnswers {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
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
        response.setHeader(CORRELATION_HEADER, correlation);
        JsonAnswers.write(response, status, JsonAnswers.FHIR_JSON, outcome(issue, message, correlation));
    }

    /**
     * One issue of an error answer: its FHIR issue type ({@code IssueType} code), the plain words and,
     * when the problem has a place in what was sent, its FHIRPath ({@code null} otherwise).
     */
    public record Issue(String type, String message, String expression) {
    }

    /** The OperationOutcome of one problem, as a JSON tree (so servlets without HAPI can send it). */
    public static Map<String, Object> outcome(RapportIssue issue, String message, String correlation) {
        return outcome(issue, List.of(new Issue(issue.issueType(), message, null)), correlation);
    }

    /**
     * The OperationOutcome of several problems found at once (a document's, say), each an error issue
     * with its own type and place, all under {@code code}.
     */
    public static Map<String, Object> outcome(RapportIssue code, List<Issue> issues, String correlation) {
        Map<String, Object> coding = new LinkedHashMap<>();
        coding.put("system", RapportIssue.SYSTEM);
        coding.put("code", code.code());
        List<Map<String, Object>> entries = issues.stream().map(issue -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("severity", "error");
            entry.put("code", issue.type());
            entry.put("details", Map.of("coding", List.of(coding), "text", issue.message()));
            entry.put("diagnostics", issue.message() + " (reference " + correlation + ")");
            if (issue.expression() != null) {
                entry.put("expression", List.of(issue.expression()));
            }
            return entry;
        }).toList();
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("resourceType", "OperationOutcome");
        outcome.put("id", correlation);
        outcome.put("issue", entries);
        return outcome;
    }
}
