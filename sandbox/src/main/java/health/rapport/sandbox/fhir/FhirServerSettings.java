package health.rapport.sandbox.fhir;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run the sandbox's FHIR server.
 *
 * <p>Start from one of the static factories ({@link #inMemory()}, {@link #h2File(Path)},
 * {@link #jdbc(String, String, String)}) and adjust with the {@code with…} methods, or use
 * {@link #builder()}.
 *
 * @param port            TCP port of the HTTP connector; {@code 0} picks a free port (the bound
 *                        one is reported by {@link FhirServer#port()})
 * @param bindAddress     address the connector binds to; {@code 127.0.0.1} by default (the
 *                        sandbox FHIR server has no authentication), {@code 0.0.0.0} for all
 *                        interfaces
 * @param storage         where the resources live
 * @param configureLogging {@code true} (default): Spring Boot's logging system applies
 *                        {@value #LOGBACK_CONFIG} (JVM-wide: it resets logback); {@code false}:
 *                        Spring Boot leaves logging entirely to the host
 */
public record FhirServerSettings(int port, String bindAddress, Storage storage, boolean configureLogging) {

    /** The default HTTP port of the sandbox FHIR server. */
    public static final int DEFAULT_PORT = 8080;
    /** The default bind address: loopback only. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** The logback configuration applied when {@link #configureLogging()} is true. */
    public static final String LOGBACK_CONFIG = "classpath:health/rapport/sandbox/fhir/fhir-server-logback.xml";

    public FhirServerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(storage, "storage");
    }

    /** An in-memory H2 database on the default port; nothing survives {@link FhirServer#close()}. */
    public static FhirServerSettings inMemory() {
        return new FhirServerSettings(DEFAULT_PORT, DEFAULT_BIND_ADDRESS, new Storage.InMemory(), true);
    }

    /**
     * An H2 database in files under {@code dataDirectory} (created if missing) on the default
     * port; data is kept across restarts.
     */
    public static FhirServerSettings h2File(Path dataDirectory) {
        return new FhirServerSettings(DEFAULT_PORT, DEFAULT_BIND_ADDRESS, new Storage.H2File(dataDirectory), true);
    }

    /**
     * An external database reached by JDBC, e.g. PostgreSQL:
     * {@code jdbc("jdbc:postgresql://localhost:5432/rapport", "rapport", "secret")}. The schema is
     * created or updated at start. {@code jdbc:postgresql:} and {@code jdbc:h2:} URLs are supported.
     */
    public static FhirServerSettings jdbc(String url, String user, String password) {
        return new FhirServerSettings(DEFAULT_PORT, DEFAULT_BIND_ADDRESS, new Storage.Jdbc(url, user, password), true);
    }

    public FhirServerSettings withPort(int newPort) {
        return new FhirServerSettings(newPort, bindAddress, storage, configureLogging);
    }

    /** Port {@code 0}: a free port is picked at start. */
    public FhirServerSettings withRandomPort() {
        return withPort(0);
    }

    public FhirServerSettings withBindAddress(String newBindAddress) {
        return new FhirServerSettings(port, newBindAddress, storage, configureLogging);
    }

    public FhirServerSettings withStorage(Storage newStorage) {
        return new FhirServerSettings(port, bindAddress, newStorage, configureLogging);
    }

    public FhirServerSettings withConfigureLogging(boolean newConfigureLogging) {
        return new FhirServerSettings(port, bindAddress, storage, newConfigureLogging);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the FHIR server keeps its data. */
    public sealed interface Storage {

        /** A private in-memory H2 database, dropped when the server stops. */
        record InMemory() implements Storage {
        }

        /**
         * H2 database files under {@code dataDirectory}/{@value #SUBDIRECTORY}; kept across restarts.
         * Only one server (one JVM) may use a data directory at a time.
         */
        record H2File(Path dataDirectory) implements Storage {
            /** The sub-directory of the data directory that holds the FHIR database. */
            public static final String SUBDIRECTORY = "fhir-db";

            public H2File {
                Objects.requireNonNull(dataDirectory, "dataDirectory");
                dataDirectory = dataDirectory.toAbsolutePath().normalize();
            }
        }

        /** Any JDBC URL HAPI supports here: {@code jdbc:postgresql:…} or {@code jdbc:h2:…}. */
        record Jdbc(String url, String user, String password) implements Storage {
            public Jdbc {
                Objects.requireNonNull(url, "url");
                if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
                    throw new IllegalArgumentException(
                            "Only jdbc:postgresql: and jdbc:h2: URLs are supported, was " + url);
                }
            }

            @Override
            public String toString() {
                return "Jdbc[url=" + url + ", user=" + user + ", password=" + (password == null ? "null" : "***") + "]";
            }
        }
    }

    /** A mutable builder, starting from {@link #inMemory()} on {@link #DEFAULT_PORT}. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private Storage storage = new Storage.InMemory();
        private boolean configureLogging = true;

        private Builder() {
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder bindAddress(String value) {
            this.bindAddress = value;
            return this;
        }

        public Builder inMemory() {
            this.storage = new Storage.InMemory();
            return this;
        }

        public Builder h2File(Path dataDirectory) {
            this.storage = new Storage.H2File(dataDirectory);
            return this;
        }

        public Builder jdbc(String url, String user, String password) {
            this.storage = new Storage.Jdbc(url, user, password);
            return this;
        }

        public Builder configureLogging(boolean value) {
            this.configureLogging = value;
            return this;
        }

        public FhirServerSettings build() {
            return new FhirServerSettings(port, bindAddress, storage, configureLogging);
        }
    }
}
