package health.rapport.plugin.content;

import java.time.Instant;

/**
 * A snapshot of content registration.
 *
 * @param status    PENDING before the first attempt ends, REGISTERED once the server holds
 *                  every resource, RETRYING while the server cannot be reached or refuses
 * @param resources how many resources the bundle ships
 * @param created   how many the last successful registration created (the rest existed)
 * @param attempts  attempts so far in this activation
 * @param lastError why the last attempt failed, or null
 * @param updated   when this snapshot was taken
 */
public record RegistrationState(Status status, int resources, int created, int attempts, String lastError,
        Instant updated) {

    public enum Status { PENDING, REGISTERED, RETRYING }
}
