package health.rapport.plugin.security;

/** Says whether a verified token's id is used for the first time while the token is valid. */
public interface ReplayGuard {

    /**
     * Records {@code key} until {@code expiresAtMillis}.
     *
     * @return true the first time a key is seen while it is valid; false for a replay
     */
    boolean firstUse(String key, long expiresAtMillis, long nowMillis);
}
