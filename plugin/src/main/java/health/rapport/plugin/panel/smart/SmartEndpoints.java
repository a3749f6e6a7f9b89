package health.rapport.plugin.panel.smart;

import java.net.URI;
import java.util.Optional;

/**
 * What the EHR's {@code .well-known/smart-configuration} tells Rapport, once checked: where to
 * authorise and trade codes, (for OpenID id_tokens) the issuer and its keys, and where to ask
 * whether an access token is live (RFC 7662 introspection).
 */
public record SmartEndpoints(URI authorization, URI token, Optional<String> issuer, Optional<URI> jwks,
        Optional<URI> introspection) {

    public SmartEndpoints(URI authorization, URI token, Optional<String> issuer, Optional<URI> jwks) {
        this(authorization, token, issuer, jwks, Optional.empty());
    }

    public SmartEndpoints(URI authorization, URI token) {
        this(authorization, token, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
