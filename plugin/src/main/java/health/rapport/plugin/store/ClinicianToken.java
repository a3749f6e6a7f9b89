package health.rapport.plugin.store;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The clinician on whose behalf the current request runs (SMART launch): their access token
 * and, when the EHR vouched for it with a verified OpenID id_token, who they are. While a token
 * is set, the chart store sends it to the configured FHIR server instead of Rapport's own
 * credentials, so the EHR authorises each read and write as that clinician; the practitioner
 * becomes the agent of Rapport's Provenance. Bound to the request's thread only for the duration
 * of {@link #during}; never logged or kept.
 */
public final class ClinicianToken {

    private record Clinician(String token, Optional<String> practitioner) {
    }

    private static final ThreadLocal<Clinician> CURRENT = new ThreadLocal<>();

    private ClinicianToken() {
    }

    /** Runs {@code work} with {@code token} as the clinician's token, and always unbinds it. */
    public static <T> T during(String token, Supplier<T> work) {
        return during(token, Optional.empty(), work);
    }

    /** Runs {@code work} as the clinician with {@code token}, identified as Practitioner/{@code practitioner}. */
    public static <T> T during(String token, Optional<String> practitioner, Supplier<T> work) {
        Clinician previous = CURRENT.get();
        CURRENT.set(new Clinician(token, practitioner));
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
        return Optional.ofNullable(CURRENT.get()).map(Clinician::token);
    }

    /** The id of the Practitioner the EHR says this request's clinician is, if it said so. */
    public static Optional<String> practitioner() {
        return Optional.ofNullable(CURRENT.get()).flatMap(Clinician::practitioner);
    }
}
