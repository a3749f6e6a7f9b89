package health.rapport.plugin.panel;

import health.rapport.plugin.config.AppConfiguration;
import health.rapport.plugin.store.CallerToken;
import java.util.Optional;

/**
 * Who may use the panel's data endpoints: only a request running for a verified caller
 * ({@link CallerAuthenticationFilter}). The filter already refuses everyone else; this second
 * check keeps a servlet from ever serving chart data if it were reached without the filter.
 */
public record PanelAccess() {

    public static PanelAccess of(AppConfiguration configuration) {
        return new PanelAccess();
    }

    /** Why this request is refused (answer 401), or empty when it may go on. */
    public Optional<String> refusal() {
        if (CallerToken.current().isPresent()) {
            return Optional.empty();
        }
        return Optional.of("The chart panel must be opened from the EHR (SMART launch).");
    }
}
