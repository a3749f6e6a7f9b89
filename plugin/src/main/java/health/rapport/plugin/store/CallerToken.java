package health.rapport.plugin.store;

import java.util.Optional;

/**
 * The caller on whose behalf the current request runs: a clinician (SMART App Launch) or another
 * system (SMART Backend Services), with the access token the EHR issued them. While a caller is
 * bound, the chart store sends that token to the configured FHIR server, never Rapport's own
 * credentials, so the EHR authorises each read and write with the caller's own scopes and patient
 * compartment. Who the caller is (the {@code fhirUser} Practitioner, or else the OAuth client)
 * becomes the agent of Rapport's Provenance. Bound to the request's thread only while the
 * {@link #bind} scope is open; never logged or kept.
 */
public final class CallerToken {

    /**
     * One authenticated caller: their token, the Practitioner id the EHR vouched for (id_token or
     * introspection {@code fhirUser}), and the OAuth client the token was issued to.
     */
    public record Caller(String token, Optional<String> practitioner, Optional<String> clientId) {

        public Caller {
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("a caller has a token");
            }
        }
    }

    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    private CallerToken() {
    }

    /**
     * Binds the caller to this thread until the returned scope is closed, which restores what was
     * bound before: {@code try (var scope = CallerToken.bind(caller)) { … }}.
     */
    public static Scope bind(Caller caller) {
        Caller previous = CURRENT.get();
        CURRENT.set(caller);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** A caller known only by token and, optionally, Practitioner (no client id). */
    public static Scope bind(String token, Optional<String> practitioner) {
        return bind(new Caller(token, practitioner, Optional.empty()));
    }

    /** The binding of one request; closing it unbinds. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The caller bound to this thread, if the request runs for one. */
    public static Optional<Caller> caller() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The token bound to this thread, if the request came with one. */
    public static Optional<String> current() {
        return caller().map(Caller::token);
    }

    /** The id of the Practitioner the EHR says this request's caller is, if it said so. */
    public static Optional<String> practitioner() {
        return caller().flatMap(Caller::practitioner);
    }
}
