package health.rapport.sandbox.osgi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bundles the sandbox installs, in start order: the list in {@code bundles.list} beside
 * this class, each jar copied there by the build. It is the exact set the README tells IT
 * staff to install beside Rapport, minus what the sandbox's own class path exports through
 * the system bundle (see {@link SystemPackages}).
 */
final class HostBundles {

    static final String FOLDER = "bundles/";

    private HostBundles() {
    }

    static List<String> names() {
        try (InputStream in = resource("bundles.list");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream open(String name) {
        return resource(FOLDER + name);
    }

    private static InputStream resource(String name) {
        InputStream in = HostBundles.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("sandbox resource missing: " + name + " (was the sandbox built?)");
        }
        return in;
    }
}
