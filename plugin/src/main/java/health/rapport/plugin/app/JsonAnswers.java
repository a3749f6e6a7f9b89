package health.rapport.plugin.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the panel's endpoints answer: JSON, never cached (it is a psychotherapy record); a refusal
 * or failure as a FHIR OperationOutcome whose diagnostics are the plain words the panel shows.
 */
public final class JsonAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

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
