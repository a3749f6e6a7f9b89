package health.rapport.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * A CDS client's identity for the benchmarks: an ES384 key whose JWKS it serves on loopback, and the
 * tokens it signs (a fresh {@code jti} each, as an EHR does per call). Rapport is configured to trust it
 * like any EHR, so the CDS service can be called directly with a prefetch the benchmark chooses.
 */
final class CdsIssuer implements AutoCloseable {

    private final ECKey key;
    private final HttpServer server;
    private final ECDSASigner signer;

    CdsIssuer() throws IOException, JOSEException {
        this.key = new ECKeyGenerator(Curve.P_384).keyID(UUID.randomUUID().toString()).generate();
        this.signer = new ECDSASigner(key);
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/bench-ehr";
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** A token for {@code audience} (the service URL), valid for five minutes, with a new jti. */
    String sign(String audience) {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), new JWTClaimsSet.Builder().issuer(issuer()).subject("bench-ehr")
                .audience(audience).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString()).build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
