package health.rapport.plugin.store;

import java.util.Optional;

/**
 * The clinician on whose behalf the current request runs (SMART launch): their access token
 * and, when the EHR vouched for it with a verified OpenID id_token, who they are. While a token
 * is set, the chart store sends it to the configured FHIR server instead of Rapport's own
 * credentials, so the EHR authorises each read and write as that clinician; the practitioner
 * becomes the agent of Rapport's Provenance. Bound to the request's thread only while the
 * {@link #bind} scope is open; never logged or kept.
 */
public final class ClinicianToken {

    private record Clinician(String token, Optional<String> practitioner) {
    }

    private static final ThreadLocal<Clinician> CURRENT = new ThreadLocal<>();

    private ClinicianToken() {
    }

    /**
     * Binds the clinician to this thread until the returned scope is closed, which restores what
     * was bound before: {@code try (var scope = ClinicianToken.bind(token, practitioner)) { … }}.
     */
    public static Scope bind(String token, Optional<String> practitioner) {
        Clinician previous = CURRENT.get();
        CURRENT.set(new Clinician(token, practitioner));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** The binding of one request; closing it unbinds. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The token bound to this thread, if the request came with one. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get()).map(Clinician::token);
    }

    /** The id of the Practitioner the EHR says this request's clinician is, if it said so. */
    public static Optional<String> practitioner() {
        return Optional.ofNullable(CURRENT.get()).flatMap(Clinician::practitioner);
    }
}
