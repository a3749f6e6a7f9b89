package health.rapport.plugin.panel;

import health.rapport.plugin.fhir.BundleClassLoader;
import health.rapport.plugin.http.ContextGate;
import health.rapport.plugin.http.ErrorAnswers;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.http.RapportHttpContext;
import health.rapport.plugin.http.RapportIssue;
import health.rapport.plugin.panel.smart.Introspection;
import health.rapport.plugin.panel.smart.SmartEhr;
import health.rapport.plugin.store.CallerToken;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No anonymous caller: every request to Rapport's FHIR operations and to the panel's data carries
 * {@code Authorization: Bearer <token>} issued by the EHR's authorisation server, or is refused
 * with 401. Rapport checks the token with the EHR (RFC 7662 introspection, see
 * {@link SmartEhr#introspect}) and runs the request as that caller ({@link CallerToken}): the chart
 * store forwards the same token on every FHIR read and write, so the EHR applies the caller's
 * scopes and patient compartment. The caller is the {@code fhirUser} Practitioner, or the OAuth
 * client; a panel may also send the EHR's id_token ({@value #IDENTITY}), which must verify.
 *
 * <p>Open without a token: {@code GET /fhir/metadata} and the OperationDefinitions it points to
 * (public definitions), the SMART launch steps under {@code /app/api/smart/} (they are how a
 * clinician gets a token) and {@code /health}, which shows details only to a verified caller.
 */
@Component(service = Filter.class,
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardFilterPattern({"/fhir", "/fhir/*", "/app/api/*", "/health"})
public final class CallerAuthenticationFilter implements Filter {

    static final String IDENTITY = "X-Rapport-Identity";
    private static final Logger LOG = LoggerFactory.getLogger(CallerAuthenticationFilter.class);

    /** RFC 6750 b64token; longer tokens than this are refused rather than forwarded. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]{1,8192}=*");
    private static final Pattern PUBLIC_DEFINITION = Pattern.compile("/fhir/(metadata|OperationDefinition/[A-Za-z0-9\\-.]{1,64})");

    private final Optional<SmartEhr> ehr;

    @Activate
    public CallerAuthenticationFilter(@Reference(cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) SmartEhr ehr) {
        this.ehr = Optional.ofNullable(ehr);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = path(request);
        if (open(path, request.getMethod())) {
            // Public: whatever token comes along is neither checked nor used.
            chain.doFilter(req, res);
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null) {
            if (optional(path)) {
                chain.doFilter(req, res);
                return;
            }
            refuse(response, "Bearer realm=\"rapport\"", "This Rapport endpoint needs an access token from the "
                    + "EHR's authorisation server (Authorization: Bearer); the chart panel gets one by SMART launch "
                    + "from the EHR.");
            return;
        }
        Optional<String> token = bearer(header);
        if (optional(path)) {
            // A public answer whose details a verified caller may see: a token that cannot be checked
            // (unknown, or the EHR down) only means the public answer.
            Optional<CallerToken.Caller> caller = Optional.empty();
            try {
                caller = token.flatMap(t -> caller(t, null));
            } catch (OperationFailure e) {
                LOG.debug("Caller of {} not checked: {}", path, e.getMessage());
            }
            if (caller.isEmpty()) {
                chain.doFilter(req, res);
                return;
            }
            try (CallerToken.Scope scope = CallerToken.bind(caller.get())) {
                chain.doFilter(req, res);
            }
            return;
        }
        if (token.isEmpty()) {
            refuse(response, "Bearer realm=\"rapport\", error=\"invalid_request\"", "The Authorization header is "
                    + "not a bearer token.");
            return;
        }
        CallerToken.Caller caller;
        try {
            Optional<CallerToken.Caller> checked = caller(token.get(), request.getHeader(IDENTITY));
            if (checked.isEmpty()) {
                refuse(response, "Bearer realm=\"rapport\", error=\"invalid_token\"", "The EHR does not accept this "
                        + "access token (unknown, expired or revoked). Open the panel again from the chart, or ask the "
                        + "EHR for a new token.");
                return;
            }
            caller = checked.get();
        } catch (OperationFailure e) {
            String correlation = ErrorAnswers.correlationId();
            LOG.warn("[{}] Caller not checked: {}", correlation, e.getMessage());
            ErrorAnswers.send(response, e.status(), RapportIssue.forStatus(e.status()), e.getMessage(), correlation);
            return;
        }
        try (CallerToken.Scope scope = CallerToken.bind(caller)) {
            chain.doFilter(req, res);
        }
    }

    /** The verified caller of {@code token}; empty when the EHR says the token is not live. */
    private Optional<CallerToken.Caller> caller(String token, String idToken) {
        if (ehr.isEmpty()) {
            throw new OperationFailure(503, "Rapport cannot check access tokens yet (not connected to the EHR's FHIR "
                    + "server).");
        }
        Optional<Introspection> grant = BundleClassLoader.call(() -> ehr.get().introspect(token));
        if (grant.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> practitioner = idToken == null || idToken.isBlank()
                ? grant.get().practitioner()
                : BundleClassLoader.call(() -> ehr.get().practitioner(idToken.trim()));
        return Optional.of(new CallerToken.Caller(token, practitioner, grant.get().clientId()));
    }

    private static void refuse(HttpServletResponse response, String challenge, String message) throws IOException {
        response.setHeader("WWW-Authenticate", challenge);
        ErrorAnswers.send(response, HttpServletResponse.SC_UNAUTHORIZED, RapportIssue.UNAUTHENTICATED, message);
    }

    static String path(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    /** Reachable by anyone: public definitions and the SMART launch itself. */
    static boolean open(String path, String method) {
        boolean reading = "GET".equals(method) || "HEAD".equals(method);
        return (reading && PUBLIC_DEFINITION.matcher(path).matches()) || path.startsWith("/app/api/smart/");
    }

    /** Answers anyone, and a verified caller in more detail. */
    static boolean optional(String path) {
        return path.equals("/health");
    }

    static Optional<String> bearer(String header) {
        if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return B64TOKEN.matcher(token).matches() ? Optional.of(token) : Optional.empty();
    }
}
