package health.rapport.plugin.app.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.rapport.plugin.app.JsonAnswers;
import health.rapport.plugin.config.AppConfiguration;
import health.rapport.plugin.http.RapportHttpContext;
import health.rapport.plugin.store.ChartStore;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The server half of the panel's SMART EHR launch, for the configured FHIR server only:
 * {@code GET …/smart/authorize?iss=} answers where to send the clinician to authorise (after
 * discovery), and {@code POST …/smart/token} trades the code for the token. The state and the
 * PKCE verifier never leave the browser tab that made them; nothing is kept here.
 */
@Component(service = Servlet.class, configurationPid = AppConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardServletPattern("/app/api/smart/*")
@HttpWhiteboardServletName("rapport-app-smart")
public final class SmartLaunchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 16 * 1024;

    private final transient Optional<ChartStore> store;
    private final transient SmartDiscovery discovery;
    private final transient SmartTokenExchange tokens;
    private final String clientId;
    private final String scopes;

    @Activate
    public SmartLaunchServlet(AppConfiguration configuration,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ChartStore store) {
        SmartHttp http = new SmartHttp();
        this.store = Optional.ofNullable(store);
        this.discovery = new SmartDiscovery(http, configuration.allowHttpAuthorization(), Clock.systemUTC());
        this.tokens = new SmartTokenExchange(http);
        this.clientId = configuration.smartClientId();
        this.scopes = configuration.smartScopes();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/authorize".equals(request.getPathInfo())) {
            JsonAnswers.problem(response, 404, "No such launch step.");
            return;
        }
        try {
            String base = configuredServer(request.getParameter("iss"));
            SmartEndpoints endpoints = discovery.of(base);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("authorizationEndpoint", endpoints.authorization().toString());
            out.put("clientId", clientId);
            out.put("scope", scopes);
            out.put("aud", base);
            JsonAnswers.send(response, 200, out);
        } catch (LaunchFailure e) {
            JsonAnswers.problem(response, e.status(), e.getMessage());
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
            TokenRequest token = new TokenRequest(text(body, "iss"), text(body, "code"), text(body, "codeVerifier"),
                    text(body, "redirectUri"));
            String base = configuredServer(token.iss());
            JsonAnswers.send(response, 200, tokens.exchange(discovery.of(base), token, clientId));
        } catch (LaunchFailure e) {
            JsonAnswers.problem(response, e.status(), e.getMessage());
        }
    }

    /** The configured FHIR base, if {@code iss} names it; the token goes to no other server. */
    private String configuredServer(String iss) {
        if (store.isEmpty()) {
            throw new LaunchFailure(503, "Rapport is not connected to the EHR's FHIR server yet "
                    + "(health.rapport.fhirserver is not configured).");
        }
        String base = store.get().baseUrl();
        if (iss == null || !strip(iss).equals(strip(base))) {
            throw new LaunchFailure(400, "This launch names a FHIR server (iss) other than the one Rapport is "
                    + "configured for; the panel only works with " + base + ".");
        }
        return base;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private JsonNode body(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new LaunchFailure(413, "The token request is too large.");
        }
        try {
            JsonNode node = new ObjectMapper().readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new LaunchFailure(400, "The token request must be a JSON object.");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new LaunchFailure(400, "The token request is not JSON.");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

}
