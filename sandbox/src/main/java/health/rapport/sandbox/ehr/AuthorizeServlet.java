package health.rapport.sandbox.ehr;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** {@code GET /auth/authorize}: the sandbox clinician approves at once; see {@link SmartAuthorizer}. */
public final class AuthorizeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient SmartAuthorizer authorizer;

    public AuthorizeServlet(SmartAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> parameters = new HashMap<>();
        request.getParameterMap().forEach((k, v) -> parameters.put(k, v.length == 0 ? "" : v[0]));
        SmartAuthorizer.Authorization answer = authorizer.authorize(parameters);
        response.setHeader("Cache-Control", "no-store");
        if (answer.location().isPresent()) {
            response.sendRedirect(answer.location().get().toString());
            return;
        }
        Pages.send(response, 400, "Authorisation refused", "<p>" + Pages.escape(answer.refusal()) + "</p>");
    }
}
