package health.rapport.plugin.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An EHR allowed to call Rapport's CDS services: its JWT {@code iss}, the JWKS URL its keys are
 * read from, and the {@code jku} URLs its tokens may name instead (each matched exactly).
 */
public record TrustedIssuer(String issuer, URI jwksUrl, Set<URI> allowedJkus) {

    public TrustedIssuer {
        allowedJkus = Set.copyOf(allowedJkus);
    }

    /**
     * Parses the configured entries {@code "<iss> <jwks URL> [<jku URL> ...]"}.
     *
     * @throws IllegalArgumentException on an entry without a JWKS URL, a URL that breaks
     *     {@link UrlRules}, or an issuer listed twice
     */
    public static List<TrustedIssuer> parse(String[] entries, boolean allowHttp) {
        List<TrustedIssuer> issuers = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String entry : entries == null ? new String[0] : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split("\\s+");
            if (parts.length < 2) {
                throw new IllegalArgumentException("trustedIssuers entry needs '<iss> <jwks URL>': " + entry);
            }
            if (!seen.add(parts[0])) {
                throw new IllegalArgumentException("issuer listed twice: " + parts[0]);
            }
            Set<URI> jkus = new LinkedHashSet<>();
            for (int i = 2; i < parts.length; i++) {
                jkus.add(url(parts[i], allowHttp));
            }
            issuers.add(new TrustedIssuer(parts[0], url(parts[1], allowHttp), jkus));
        }
        return issuers;
    }

    private static URI url(String text, boolean allowHttp) {
        return UrlRules.strict(text, allowHttp)
                .orElseThrow(() -> new IllegalArgumentException("not an allowed key set URL: " + text));
    }
}
