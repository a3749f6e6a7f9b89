package health.rapport.sandbox.fhir;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A throwaway PostgreSQL database for one test or benchmark run: created empty on a PostgreSQL
 * server reached through its maintenance database, dropped by {@link #close()}. HAPI creates
 * its schema in it at start, so every run begins from an empty record and leaves nothing
 * behind on the server.
 *
 * <p>Where the server is comes from system properties, so that the build, CI and a developer
 * can point the same tests at it:
 * <ul>
 *   <li>{@value #URL_PROPERTY} — JDBC URL of the maintenance database,
 *       default {@value #DEFAULT_URL};</li>
 *   <li>{@value #USER_PROPERTY} / {@value #PASSWORD_PROPERTY} — a role with {@code CREATEDB},
 *       default {@value #DEFAULT_USER} / {@value #DEFAULT_USER} (the role {@code .ci/run} creates);</li>
 *   <li>{@value #REQUIRED_PROPERTY} — {@code true} makes an unreachable server a failure
 *       instead of a reason to skip (CI sets it).</li>
 * </ul>
 *
 * @param url      JDBC URL of the fresh database
 * @param user     its owner
 * @param password the owner's password
 * @param name     the database's name
 * @param adminUrl JDBC URL of the maintenance database it was created from
 */
public record ScratchPostgres(String url, String user, String password, String name, String adminUrl)
        implements AutoCloseable {

    public static final String URL_PROPERTY = "rapport.postgres.url";
    public static final String USER_PROPERTY = "rapport.postgres.user";
    public static final String PASSWORD_PROPERTY = "rapport.postgres.password";
    public static final String REQUIRED_PROPERTY = "rapport.postgres.required";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    public static final String DEFAULT_USER = "rapport_test";

    /** The maintenance database named by the system properties, or their defaults. */
    public static String configuredAdminUrl() {
        return setting(URL_PROPERTY, DEFAULT_URL);
    }

    /** Whether an unreachable server must fail the run ({@value #REQUIRED_PROPERTY}=true). */
    public static boolean required() {
        return Boolean.parseBoolean(setting(REQUIRED_PROPERTY, "false"));
    }

    /**
     * Why the configured server cannot be used (unreachable, wrong credentials), or empty when
     * it answers.
     */
    public static Optional<String> unavailableReason() {
        try (Connection ignored = adminConnection()) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("PostgreSQL not usable at " + configuredAdminUrl() + " as "
                    + setting(USER_PROPERTY, DEFAULT_USER) + ": " + e.getMessage());
        }
    }

    /**
     * Why a run on PostgreSQL should be skipped here (no usable server), or empty when the server
     * answers; with {@value #REQUIRED_PROPERTY}=true an unusable server is an error instead.
     *
     * @throws IllegalStateException if the server is required and not usable
     */
    public static Optional<String> skipReason() {
        Optional<String> reason = unavailableReason();
        if (reason.isPresent() && required()) {
            throw new IllegalStateException(reason.get() + " (" + REQUIRED_PROPERTY + "=true: not skipping)");
        }
        return reason.map(r -> r + " — skipped: start PostgreSQL and create the role (docs/install.md), or set "
                + URL_PROPERTY + ", " + USER_PROPERTY + " and " + PASSWORD_PROPERTY);
    }

    /** Creates an empty database named {@code prefix_<random>} on the configured server. */
    public static ScratchPostgres create(String prefix) {
        if (!prefix.matches("[a-z][a-z0-9_]{0,30}")) {
            throw new IllegalArgumentException("prefix must be a lower-case SQL identifier, was " + prefix);
        }
        String name = prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
                .toLowerCase(Locale.ROOT);
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            // The name is built from a checked prefix and digits: no user text reaches the SQL.
            statement.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database " + name + " at " + configuredAdminUrl(), e);
        }
        String adminUrl = configuredAdminUrl();
        return new ScratchPostgres(databaseUrl(adminUrl, name), setting(USER_PROPERTY, DEFAULT_USER),
                configuredPassword(), name, adminUrl);
    }

    /** Drops the database; connections still open to it (a pool not yet closed) are ended first. */
    @Override
    public void close() {
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop the scratch database " + name, e);
        }
    }

    @Override
    public String toString() {
        return "ScratchPostgres[" + url + "]";
    }

    /** The same server and options, another database: {@code jdbc:postgresql://h:p/postgres?x} → {@code …/name?x}. */
    static String databaseUrl(String adminUrl, String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String options = query < 0 ? "" : adminUrl.substring(query);
        int slash = base.lastIndexOf('/');
        if (!base.startsWith("jdbc:postgresql://") || slash < "jdbc:postgresql://".length()) {
            throw new IllegalArgumentException("Expected jdbc:postgresql://host:port/database, was " + adminUrl);
        }
        return base.substring(0, slash + 1) + database + options;
    }

    private static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(configuredAdminUrl(), setting(USER_PROPERTY, DEFAULT_USER),
                configuredPassword());
    }

    private static String configuredPassword() {
        String fromEnvironment = System.getenv("RAPPORT_JDBC_PASSWORD");
        return setting(PASSWORD_PROPERTY, fromEnvironment != null ? fromEnvironment : DEFAULT_USER);
    }

    /**
     * A system property, else the environment variable of the same name in capitals with '_' for '.'
     * ({@code RAPPORT_POSTGRES_URL}): CI sets the environment, so that it runs the very test command
     * the README gives.
     */
    private static String setting(String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
