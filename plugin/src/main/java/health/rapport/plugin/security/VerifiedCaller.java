package health.rapport.plugin.security;

/**
 * Who called, as proven by a verified CDS Hooks JWT.
 *
 * @param issuer the trusted {@code iss}
 * @param subject the {@code sub} (the EHR's client id), or {@code null}
 * @param tokenId the {@code jti}, already recorded against replay
 */
public record VerifiedCaller(String issuer, String subject, String tokenId) {
}
