package health.rapport.plugin.panel;

import health.rapport.plugin.config.AppConfiguration;
import health.rapport.plugin.http.ContextGate;
import health.rapport.plugin.http.JsonAnswers;
import health.rapport.plugin.http.RapportHttpContext;
import health.rapport.plugin.store.ChartStore;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Security headers on everything under {@code <context>/app}: a strict Content-Security-Policy
 * (no inline script or style, no eval; connections only to Rapport and the configured FHIR
 * server), nosniff and no referrer. {@code /app} and {@code /app/} go to the panel's page,
 * {@code /app/launch} (the SMART launch URL) to the launch page.
 */
@Component(service = Filter.class, configurationPid = AppConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@Designate(ocd = AppConfiguration.class)
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardFilterPattern({"/app", "/app/*"})
public final class AppSecurityFilter implements Filter {

    /** Short addresses and the pages they open: the panel, and the SMART launch URL (?iss=…&launch=…). */
    private static final Map<String, String> PAGES = Map.of("/app", "/app/index.html", "/app/", "/app/index.html",
            "/app/launch", "/app/launch.html");

    private final String policy;
    private final String formPolicy;

    @Activate
    public AppSecurityFilter(AppConfiguration configuration,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ChartStore store) {
        this.policy = contentSecurityPolicy(Optional.ofNullable(store).map(ChartStore::baseUrl),
                configuration.frameAncestors());
        this.formPolicy = formPolicy(policy);
    }

    /**
     * The style elements LHC-Forms 40.1.3 (the version build.mjs pins) inserts: Angular applies its
     * component styles as inline {@code <style>} elements. Allowing exactly these, by hash, keeps
     * {@code 'unsafe-inline'} out. Recompute them when lforms is upgraded: the panel's browser
     * test fails on any CSP violation of the form page.
     */
    static final java.util.List<String> LFORMS_STYLE_HASHES = java.util.List.of(
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
            "sha256-xhbXRMwXsHwr0yNrRJx5xl8mEPOSis6hPcDcC8CBONk=",
            "sha256-M9IEr/TdvUEXJLvEfMpbqf0I4cz5ZC+q4ejGpD5yMjY=",
            "sha256-FLLl8zyOwuzbM1blEinZG4xjsJMfmQuYS6piFvpOzLw=",
            "sha256-teW0xCYm9YfANky1P/bLDnY5XjNfitaudnkelaqvSl0=",
            "sha256-tlDW9o9sBpg4ycKbsBAI+CMqQHXvBK4Z5ibSteYjhLs=",
            "sha256-+s00RuZVx/chxCfPDQYt0wUvPKdSJvOoqm7moxImNv8=",
            "sha256-kP8a8GWw0if88yKaMPqzdlqA/6aF8RVStfWdgMqkn6w=",
            "sha256-Frjv995smslfo0RpVcErySo0s7fwb21hASry8mikBzg=");

    /** The form page's policy: the same, with LHC-Forms' own style elements allowed by hash. */
    static String formPolicy(String policy) {
        return policy.replace("style-src 'self';", "style-src 'self' " + LFORMS_STYLE_HASHES.stream()
                .map(h -> "'" + h + "'").collect(Collectors.joining(" ")) + ";");
    }

    static String contentSecurityPolicy(Optional<String> fhirBaseUrl, String[] frameAncestors) {
        String connect = "'self'" + fhirBaseUrl.flatMap(AppSecurityFilter::origin).map(o -> " " + o).orElse("");
        String frames = "'self'" + Arrays.stream(frameAncestors == null ? new String[0] : frameAncestors)
                .map(AppSecurityFilter::origin).flatMap(Optional::stream).map(o -> " " + o)
                .collect(Collectors.joining());
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src " + connect + "; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors " + frames;
    }

    /** scheme://host[:port] of an absolute http(s) URL; nothing for anything else (never a wildcard). */
    static Optional<String> origin(String url) {
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        response.setHeader("Content-Security-Policy", path.equals("/app/form.html") ? formPolicy : policy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        JsonAnswers.noStore(response);
        String page = PAGES.get(path);
        if (page != null) {
            String query = request.getQueryString();
            response.sendRedirect(request.getContextPath() + page + (query == null ? "" : "?" + query));
            return;
        }
        chain.doFilter(req, res);
    }
}
