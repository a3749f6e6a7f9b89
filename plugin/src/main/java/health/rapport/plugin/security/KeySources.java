package health.rapport.plugin.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URI;

/** Where the public keys of a configured JWKS (or allowed jku) URL come from. */
@FunctionalInterface
public interface KeySources {

    /** The keys published at {@code url}, which the verifier has already found on an allowlist. */
    JWKSource<SecurityContext> forUrl(URI url);
}
