package health.rapport.plugin.cds;

import health.rapport.plugin.http.ContextGate;
import health.rapport.plugin.http.JsonAnswers;
import health.rapport.plugin.http.RapportHttpContext;
import health.rapport.plugin.security.VerifiedCaller;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /rapport/cds-services}: CDS Hooks 2.0 discovery (GET), the rapport-ipt service and its
 * feedback (POST). Authentication comes first: a request whose JWT fails any check gets a bare
 * 401 before its body is read. Without a CDS configuration there is no {@link CdsHooks}: discovery
 * still answers, every call is refused.
 */
@Component(service = Servlet.class,
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardServletPattern({"/cds-services", "/cds-services/*"})
@HttpWhiteboardServletName("rapport-cds-services")
public final class CdsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int MAX_BODY = 5 * 1024 * 1024;
    private static final String SERVICE = "/" + Discovery.SERVICE_ID;
    private static final String FEEDBACK = SERVICE + "/feedback";

    private final transient Optional<CdsHooks> hooks;

    @Activate
    public CdsServlet(
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            CdsHooks hooks) {
        this.hooks = Optional.ofNullable(hooks);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path != null && !"/".equals(path)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        write(response, CdsAnswer.ok(hooks.map(CdsHooks::discovery).orElseGet(() -> Discovery.of(Discovery.STANDARD))));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (!SERVICE.equals(path) && !FEEDBACK.equals(path)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String requestUrl = request.getRequestURL().toString();
        Optional<VerifiedCaller> caller = hooks.flatMap(h -> h.caller(request.getHeader("Authorization"), requestUrl, path));
        if (caller.isEmpty()) {
            // Bare: a caller without a valid JWT learns nothing, not even an error's words.
            JsonAnswers.status(response, HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            JsonAnswers.problem(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "The request is larger than " + MAX_BODY + " bytes.");
            return;
        }
        CdsAnswer answer = FEEDBACK.equals(path)
                ? hooks.get().feedback(body, caller.get())
                : hooks.get().patientView(body, requestUrl.substring(0, requestUrl.length() - path.length()));
        write(response, answer);
    }

    private static void write(HttpServletResponse response, CdsAnswer answer) throws IOException {
        if (answer.problem() != null) {
            JsonAnswers.problem(response, answer.status(), answer.problem());
        } else if (answer.body() != null) {
            JsonAnswers.send(response, answer.status(), answer.body());
        } else {
            JsonAnswers.status(response, answer.status());
        }
    }
}
