package health.rapport.plugin.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * One cached, rate-limited key source per configured JWKS or jku URL, built up front: the set of
 * URLs Rapport fetches keys from is exactly the configured one, never one a token names.
 */
public final class RemoteKeySources implements KeySources {

    private final Map<URI, JWKSource<SecurityContext>> sources = new HashMap<>();

    public RemoteKeySources(Collection<TrustedIssuer> issuers, HttpClient http, Duration readTimeout, Duration cacheTtl) {
        JwksRetriever retriever = new JwksRetriever(http, readTimeout);
        for (TrustedIssuer issuer : issuers) {
            add(issuer.jwksUrl(), retriever, readTimeout, cacheTtl);
            issuer.allowedJkus().forEach(jku -> add(jku, retriever, readTimeout, cacheTtl));
        }
    }

    private void add(URI url, JwksRetriever retriever, Duration readTimeout, Duration cacheTtl) {
        sources.computeIfAbsent(url, u -> {
            try {
                // Cached for the TTL; an unknown kid refreshes at most once per rate-limit interval,
                // so forged kids cannot make Rapport hammer the issuer.
                return JWKSourceBuilder.<SecurityContext>create(u.toURL(), retriever)
                        .cache(cacheTtl.toMillis(), readTimeout.toMillis() + 1_000)
                        .rateLimited(true)
                        .retrying(false)
                        .build();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("not a URL: " + u, e);
            }
        });
    }

    @Override
    public JWKSource<SecurityContext> forUrl(URI url) {
        JWKSource<SecurityContext> source = sources.get(url);
        if (source == null) {
            throw new IllegalStateException("no key source for an unconfigured URL");
        }
        return source;
    }
}
