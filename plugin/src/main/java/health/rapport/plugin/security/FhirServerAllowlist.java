package health.rapport.plugin.security;

import health.rapport.plugin.http.Urls;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The FHIR servers a CDS request's {@code fhirServer} may name, and so the only places a
 * clinician's access token is ever sent. A candidate is allowed when its scheme, host and port
 * equal those of a configured base and its path is that base's path or lies below it (at a
 * '/' boundary, so {@code /fhir-evil} is not under {@code /fhir}). Hosts compare as exact
 * strings: no DNS, no case folding, no IDN mapping, so look-alikes never match.
 */
public final class FhirServerAllowlist {

    private record Base(String scheme, String host, int port, String path) {
    }

    private final List<Base> bases;

    private FhirServerAllowlist(List<Base> bases) {
        this.bases = List.copyOf(bases);
    }

    /**
     * @throws IllegalArgumentException naming the first configured entry that is no strict base
     *     URL (or is http while {@code allowHttp} is off): a mistyped entry must not widen the list
     */
    public static FhirServerAllowlist of(String[] configured, boolean allowHttp) {
        List<Base> bases = new ArrayList<>();
        for (String entry : configured == null ? new String[0] : configured) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            URI uri = UrlRules.strict(entry.trim(), allowHttp).orElseThrow(() -> new IllegalArgumentException(
                    "fhirServers entry is not an allowed base URL: " + entry));
            bases.add(new Base(uri.getScheme(), uri.getHost(), UrlRules.effectivePort(uri), UrlRules.trimmedPath(uri)));
        }
        return new FhirServerAllowlist(bases);
    }

    public boolean isEmpty() {
        return bases.isEmpty();
    }

    /**
     * The candidate as the base URL to call (without a trailing slash) when it is allowed;
     * empty when it is not.
     */
    public Optional<String> match(String candidate) {
        // The scheme rule is the configured entry's: an http candidate only ever matches an http
        // entry, which exists only when the site allowed http.
        Optional<URI> parsed = UrlRules.strict(candidate, true);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        URI uri = parsed.get();
        String path = UrlRules.trimmedPath(uri);
        int port = UrlRules.effectivePort(uri);
        for (Base base : bases) {
            if (base.scheme.equals(uri.getScheme()) && base.host.equals(uri.getHost()) && base.port == port
                    && (path.equals(base.path) || path.startsWith(base.path + "/"))) {
                String text = uri.toString();
                return Optional.of(Urls.withoutTrailingSlash(text));
            }
        }
        return Optional.empty();
    }
}
