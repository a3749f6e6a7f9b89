package health.rapport.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run the sandbox.
 *
 * @param dataDir    where the FHIR database (H2 files) and the OSGi cache live
 * @param fhirPort   port of the FHIR server (base {@code /fhir}); 0 picks a free one
 * @param pluginPort port of the OSGi host's HTTP whiteboard (Rapport under {@code /rapport})
 * @param inMemory   keep nothing on disk
 * @param jdbcUrl    an external database (PostgreSQL) instead of H2, or null
 * @param jdbcUser   its user, or null
 * @param jdbcPassword its password, or null
 * @param notifications create the rest-hook Subscription and configure Rapport's receiver at start
 */
public record SandboxOptions(Path dataDir, int fhirPort, int pluginPort, boolean inMemory,
        String jdbcUrl, String jdbcUser, String jdbcPassword, boolean notifications) {

    public static final int DEFAULT_FHIR_PORT = 8080;
    public static final int DEFAULT_PLUGIN_PORT = 8081;

    public SandboxOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        if (inMemory && jdbcUrl != null) {
            throw new IllegalArgumentException("--in-memory and --jdbc-url exclude each other");
        }
    }

    /** With notifications, as the sandbox runs by default. */
    public SandboxOptions(Path dataDir, int fhirPort, int pluginPort, boolean inMemory,
            String jdbcUrl, String jdbcUser, String jdbcPassword) {
        this(dataDir, fhirPort, pluginPort, inMemory, jdbcUrl, jdbcUser, jdbcPassword, true);
    }

    /**
     * The same options with or without the Subscription and receiver at start (tests that call
     * Rapport's operations themselves start without, so nothing processes behind their back).
     */
    public SandboxOptions withNotifications(boolean on) {
        return new SandboxOptions(dataDir, fhirPort, pluginPort, inMemory, jdbcUrl, jdbcUser, jdbcPassword, on);
    }

    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".rapport", "sandbox");
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(defaultDataDir(), DEFAULT_FHIR_PORT, DEFAULT_PLUGIN_PORT, false, null, null, null);
    }

    /** In memory on the given ports: what the integration tests run. */
    public static SandboxOptions inMemory(Path scratchDir, int fhirPort, int pluginPort) {
        return new SandboxOptions(scratchDir, fhirPort, pluginPort, true, null, null, null);
    }
}
