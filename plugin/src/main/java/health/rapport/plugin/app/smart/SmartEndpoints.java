package health.rapport.plugin.app.smart;

import java.net.URI;

/** What the EHR's {@code .well-known/smart-configuration} tells the panel, once checked. */
public record SmartEndpoints(URI authorization, URI token) {
}
