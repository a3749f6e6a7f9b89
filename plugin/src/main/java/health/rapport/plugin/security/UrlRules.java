package health.rapport.plugin.security;

import health.rapport.plugin.http.Urls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The shape every URL Rapport sends something to must have: absolute, https (http only when the
 * site allowed it for a sandbox), a plain host, no credentials, query or fragment, and printable
 * ASCII only, so that no encoding or look-alike character can make two readings of one URL.
 */
final class UrlRules {

    static final int MAX_LENGTH = 2048;

    private UrlRules() {
    }

    /** Parses a configured or requested URL; empty when it breaks any rule. */
    static java.util.Optional<URI> strict(String text, boolean allowHttp) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return java.util.Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // '%' would let '..', '/' or host characters hide behind an escape; '\' is read as '/' by browsers
            // and some clients; '@' only ever appears in userinfo tricks. FHIR base URLs need none of them.
            if (c <= 0x20 || c >= 0x7f || c == '%' || c == '\\' || c == '@') {
                return java.util.Optional.empty();
            }
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return java.util.Optional.empty();
        }
        String scheme = uri.getScheme();
        boolean schemeOk = "https".equals(scheme) || (allowHttp && "http".equals(scheme));
        if (!schemeOk || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !uri.getHost().equals(uri.getHost().toLowerCase(Locale.ROOT))
                || uri.getPort() == 0 || uri.getPort() > 65_535) {
            return java.util.Optional.empty();
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.contains("//") || path.contains("/./") || path.contains("/../")
                || path.endsWith("/.") || path.endsWith("/..")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(uri);
    }

    /** The port a connection to {@code uri} really uses. */
    static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /** The path without its trailing slash ("" for the root), by the one rule of {@link Urls}. */
    static String trimmedPath(URI uri) {
        return uri.getRawPath() == null ? "" : Urls.withoutTrailingSlash(uri.getRawPath());
    }
}
