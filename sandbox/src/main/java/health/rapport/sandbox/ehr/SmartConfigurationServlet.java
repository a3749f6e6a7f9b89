package health.rapport.sandbox.ehr;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /fhir/.well-known/smart-configuration}: SMART discovery for the sandbox FHIR server. */
public final class SmartConfigurationServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient SandboxEhr ehr;

    public SmartConfigurationServlet(SandboxEhr ehr) {
        this.ehr = ehr;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("issuer", ehr.root());
        config.put("jwks_uri", ehr.jwksUrl());
        config.put("authorization_endpoint", ehr.root() + "/auth/authorize");
        config.put("token_endpoint", ehr.root() + "/auth/token");
        config.put("introspection_endpoint", ehr.root() + "/auth/introspect");
        config.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
        config.put("response_types_supported", List.of("code"));
        config.put("code_challenge_methods_supported", List.of("S256"));
        config.put("token_endpoint_auth_methods_supported", List.of("none", "private_key_jwt"));
        config.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
        config.put("scopes_supported", List.of("launch", "openid", "fhirUser", "patient/*.cruds", "user/*.rs",
                "system/*.cruds", "system/*.rs"));
        config.put("capabilities", List.of("launch-ehr", "client-public", "client-confidential-asymmetric",
                "context-ehr-patient", "permission-v2", "permission-v1",
                "permission-patient", "permission-user"));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        new ObjectMapper().writeValue(response.getOutputStream(), config);
    }
}
