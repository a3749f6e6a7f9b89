package health.rapport.plugin.app.smart;

import java.net.URI;
import java.util.Optional;

/**
 * What the EHR's {@code .well-known/smart-configuration} tells the panel, once checked: where to
 * authorise and trade codes, and (for OpenID id_tokens) the issuer and its keys.
 */
public record SmartEndpoints(URI authorization, URI token, Optional<String> issuer, Optional<URI> jwks) {

    public SmartEndpoints(URI authorization, URI token) {
        this(authorization, token, Optional.empty(), Optional.empty());
    }
}
