package health.rapport.plugin.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The secret the FHIR server sends with each notification. Compared in constant time over
 * SHA-256 digests, so neither the content nor the length of the secret leaks through timing.
 * No secret configured means nothing matches: the receiver is closed by default.
 */
final class SharedSecret {

    private final byte[] digest;

    SharedSecret(String secret) {
        this.digest = secret == null || secret.isBlank() ? null : sha256(secret);
    }

    boolean configured() {
        return digest != null;
    }

    boolean matches(String presented) {
        if (digest == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(presented));
    }

    /** Never the secret itself, so a stray log line or debugger view shows nothing. */
    @Override
    public String toString() {
        return configured() ? "SharedSecret[***]" : "SharedSecret[none]";
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
