package health.rapport.sandbox.osgi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start the embedded OSGi host.
 *
 * @param storageDir   Felix's bundle cache (cleaned at every start: bundles come from the
 *                     sandbox, configuration from {@link OsgiHost#configure})
 * @param httpHost     interface the Jetty whiteboard binds to
 * @param httpPort     port of the Jetty whiteboard (the plugin lives under it)
 */
public record OsgiHostSettings(Path storageDir, String httpHost, int httpPort) {

    public OsgiHostSettings {
        Objects.requireNonNull(storageDir, "storageDir");
        Objects.requireNonNull(httpHost, "httpHost");
        if (httpPort <= 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort must be a real port: " + httpPort);
        }
    }
}
