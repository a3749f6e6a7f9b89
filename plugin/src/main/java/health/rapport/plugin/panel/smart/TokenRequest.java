package health.rapport.plugin.panel.smart;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * What the panel sends after the authorisation server redirected back to it: the code, the PKCE
 * verifier it kept in its tab, and the redirect URI it used. Checked before anything leaves Rapport.
 */
public record TokenRequest(String iss, String code, String codeVerifier, String redirectUri) {

    /** RFC 7636 §4.1. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
    private static final Pattern CODE = Pattern.compile("[\\x21-\\x7E]{1,2048}");
    static final String REDIRECT_PATH = "/app/index.html";
    /** The caseload's page: where the EHR sends the clinician back from a launch without a patient. */
    static final String CASELOAD_REDIRECT_PATH = "/app/caseload.html";

    public TokenRequest {
        if (iss == null || code == null || codeVerifier == null || redirectUri == null) {
            throw new LaunchFailure(400, "The token request needs iss, code, codeVerifier and redirectUri.");
        }
        if (!CODE.matcher(code).matches()) {
            throw new LaunchFailure(400, "The authorisation code is not a printable string of at most 2048 characters.");
        }
        if (!VERIFIER.matcher(codeVerifier).matches()) {
            throw new LaunchFailure(400, "The PKCE code verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~.");
        }
        URI uri;
        try {
            uri = URI.create(redirectUri);
        } catch (IllegalArgumentException e) {
            throw new LaunchFailure(400, "The redirect URI is not a URL.");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawPath() == null
                || !(uri.getRawPath().endsWith(REDIRECT_PATH) || uri.getRawPath().endsWith(CASELOAD_REDIRECT_PATH))
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new LaunchFailure(400, "The redirect URI must be the panel's own page (…" + REDIRECT_PATH
                    + " or …" + CASELOAD_REDIRECT_PATH + ", no query).");
        }
    }
}
