package health.rapport.plugin.app;

import health.rapport.plugin.app.smart.LaunchFailure;
import health.rapport.plugin.app.smart.SmartEhr;
import health.rapport.plugin.fhir.BundleClassLoader;
import health.rapport.plugin.http.RapportHttpContext;
import health.rapport.plugin.store.ClinicianToken;
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

/**
 * Runs a request that carries {@code Authorization: Bearer <token>} (the panel after a SMART
 * launch) on that clinician's behalf: the chart store forwards the token to the configured FHIR
 * server, which decides what the clinician may read and write. Rapport does not judge the token
 * itself; a header that is not a well-formed bearer token gets a bare 401. With the token, the
 * panel sends the EHR's id_token ({@value #IDENTITY}); once verified, its Practitioner is the
 * clinician of the request (the agent of Rapport's Provenance). An id_token that does not verify
 * is a 401, never an anonymous write.
 */
@Component(service = Filter.class)
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardFilterPattern({"/fhir/*", "/app/api/*"})
public final class ClinicianTokenFilter implements Filter {

    static final String IDENTITY = "X-Rapport-Identity";

    /** RFC 6750 b64token; longer tokens than this are refused rather than forwarded. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]{1,8192}=*");

    private final Optional<SmartEhr> ehr;

    @Activate
    public ClinicianTokenFilter(@Reference(cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) SmartEhr ehr) {
        this.ehr = Optional.ofNullable(ehr);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        String header = ((HttpServletRequest) req).getHeader("Authorization");
        if (header == null) {
            chain.doFilter(req, res);
            return;
        }
        Optional<String> token = bearer(header);
        if (token.isEmpty()) {
            HttpServletResponse response = (HttpServletResponse) res;
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        Optional<String> practitioner;
        try {
            practitioner = practitioner(((HttpServletRequest) req).getHeader(IDENTITY));
        } catch (LaunchFailure e) {
            JsonAnswers.problem((HttpServletResponse) res, e.status(), e.getMessage());
            return;
        }
        try (ClinicianToken.Scope scope = ClinicianToken.bind(token.get(), practitioner)) {
            chain.doFilter(req, res);
        }
    }

    private Optional<String> practitioner(String idToken) {
        if (idToken == null || idToken.isBlank()) {
            return Optional.empty();
        }
        if (ehr.isEmpty()) {
            throw new LaunchFailure(503, "Rapport cannot verify the clinician's identity yet (not connected to the "
                    + "EHR's FHIR server).");
        }
        return BundleClassLoader.call(() -> ehr.get().practitioner(idToken.trim()));
    }

    static Optional<String> bearer(String header) {
        if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return B64TOKEN.matcher(token).matches() ? Optional.of(token) : Optional.empty();
    }
}
