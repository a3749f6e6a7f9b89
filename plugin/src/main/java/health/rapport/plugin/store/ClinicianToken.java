package health.rapport.plugin.store;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The access token of the clinician on whose behalf the current request runs (SMART launch).
 * While one is set, the chart store sends it to the configured FHIR server instead of Rapport's
 * own credentials, so the EHR authorises each read and write as that clinician. It is bound to
 * the request's thread only for the duration of {@link #during}; it is never logged or kept.
 */
public final class ClinicianToken {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ClinicianToken() {
    }

    /** Runs {@code work} with {@code token} as the clinician's token, and always unbinds it. */
    public static <T> T during(String token, Supplier<T> work) {
        String previous = CURRENT.get();
        CURRENT.set(token);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The token bound to this thread, if the request came with one. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
