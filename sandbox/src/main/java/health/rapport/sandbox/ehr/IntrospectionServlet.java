package health.rapport.sandbox.ehr;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /auth/introspect} (form-encoded {@code token}): RFC 7662 token introspection, how
 * a resource server such as Rapport learns whether a token is live and what it allows. A real EHR
 * also authenticates the resource server asking; the sandbox's is reached on loopback only.
 */
public final class IntrospectionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient SmartAuthorizer authorizer;

    public IntrospectionServlet(SmartAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = request.getParameter("token");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        if (token == null || token.isEmpty()) {
            response.setStatus(400);
            new ObjectMapper().writeValue(response.getOutputStream(), java.util.Map.of("error", "invalid_request"));
            return;
        }
        new ObjectMapper().writeValue(response.getOutputStream(), authorizer.introspect(token));
    }
}
