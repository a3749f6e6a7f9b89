package health.rapport.sandbox.ehr;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** {@code POST /auth/token} (form-encoded): the authorisation code grant with PKCE. */
public final class TokenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient SmartAuthorizer authorizer;

    public TokenServlet(SmartAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> form = new HashMap<>();
        request.getParameterMap().forEach((k, v) -> form.put(k, v.length == 0 ? "" : v[0]));
        SmartAuthorizer.TokenAnswer answer = authorizer.token(form);
        response.setStatus(answer.status());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        new ObjectMapper().writeValue(response.getOutputStream(), answer.body());
    }
}
