package health.rapport.plugin.panel.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.rapport.plugin.http.ContextGate;
import health.rapport.plugin.http.JsonAnswers;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.http.RapportHttpContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The server half of the panel's SMART EHR launch: {@code GET …/smart/authorize?iss=} answers
 * where to send the clinician to authorise (after discovery), and {@code POST …/smart/token}
 * trades the code for the token. The state and the PKCE verifier never leave the browser tab
 * that made them; nothing is kept here.
 */
@Component(service = Servlet.class,
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardServletPattern("/app/api/smart/*")
@HttpWhiteboardServletName("rapport-app-smart")
public final class SmartLaunchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient SmartEhr ehr;

    @Activate
    public SmartLaunchServlet(@Reference SmartEhr ehr) {
        this.ehr = ehr;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/authorize".equals(request.getPathInfo())) {
            JsonAnswers.problem(response, 404, "No such launch step.");
            return;
        }
        try {
            String base = ehr.configuredServer(request.getParameter("iss"));
            SmartEndpoints endpoints = ehr.endpoints(base);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("authorizationEndpoint", endpoints.authorization().toString());
            out.put("clientId", ehr.clientId());
            out.put("scope", ehr.scopes());
            out.put("caseloadScope", ehr.caseloadScopes());
            out.put("groupScope", ehr.groupScopes());
            out.put("aud", base);
            JsonAnswers.send(response, 200, out);
        } catch (OperationFailure e) {
            JsonAnswers.problem(response, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/token".equals(request.getPathInfo())) {
            JsonAnswers.problem(response, 404, "No such launch step.");
            return;
        }
        try {
            JsonNode body = body(request);
            JsonAnswers.send(response, 200, ehr.exchange(new TokenRequest(text(body, "iss"), text(body, "code"),
                    text(body, "codeVerifier"), text(body, "redirectUri"))));
        } catch (OperationFailure e) {
            JsonAnswers.problem(response, e);
        }
    }

    private static JsonNode body(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new OperationFailure(413, "The token request is too large.");
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new OperationFailure(400, "The token request must be a JSON object.");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new OperationFailure(400, "The token request is not JSON.");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
