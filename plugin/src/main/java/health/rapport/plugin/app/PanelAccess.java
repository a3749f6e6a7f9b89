package health.rapport.plugin.app;

import health.rapport.plugin.config.AppConfiguration;
import health.rapport.plugin.store.ClinicianToken;
import java.util.Optional;

/**
 * Who may use the panel's data endpoints: a request running on a clinician's SMART token
 * ({@link ClinicianTokenFilter}), or any request when the site configured a sandbox.
 */
public record PanelAccess(boolean sandbox) {

    public static PanelAccess of(AppConfiguration configuration) {
        return new PanelAccess(configuration.allowUnauthenticatedSandbox());
    }

    /** Why this request is refused (answer 401), or empty when it may go on. */
    public Optional<String> refusal() {
        if (ClinicianToken.current().isPresent() || sandbox) {
            return Optional.empty();
        }
        return Optional.of("The chart panel must be opened from the EHR (SMART launch). Opening it without a launch "
                + "is allowed only in a sandbox (health.rapport.app: allowUnauthenticatedSandbox).");
    }
}
