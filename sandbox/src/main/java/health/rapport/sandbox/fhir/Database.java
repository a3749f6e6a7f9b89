package health.rapport.sandbox.fhir;

import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import health.rapport.sandbox.fhir.FhirServerSettings.Storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDBC side of a {@link Storage}: URL, credentials, driver and HAPI's Hibernate dialect. */
record Database(String url, String user, String password, String driverClassName, String dialectClassName,
                boolean inMemory) {

    private static final AtomicInteger IN_MEMORY_COUNTER = new AtomicInteger();

    static Database of(Storage storage) {
        if (storage instanceof Storage.InMemory) {
            // A private database per server: two servers in one JVM never share data. It lives until
            // dropInMemory() (DB_CLOSE_DELAY=-1: the pool retiring its last connection must not drop it).
            String name = "rapport-fhir-" + ProcessHandle.current().pid() + "-" + IN_MEMORY_COUNTER.incrementAndGet();
            return h2("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", true);
        }
        if (storage instanceof Storage.H2File file) {
            Path dir = file.dataDirectory().resolve(Storage.H2File.SUBDIRECTORY);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the FHIR database directory " + dir, e);
            }
            // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook must not close the database under the
            // running server; FhirServer.close() closes the pool and with it the database.
            String path = dir.resolve("rapport-fhir").toString().replace('\\', '/');
            return h2("jdbc:h2:file:" + path + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", false);
        }
        Storage.Jdbc jdbc = (Storage.Jdbc) storage;
        if (jdbc.url().startsWith("jdbc:h2:")) {
            return h2(jdbc.url(), jdbc.user(), jdbc.password(), false);
        }
        return new Database(jdbc.url(), jdbc.user(), jdbc.password(), "org.postgresql.Driver",
                HapiFhirPostgresDialect.class.getName(), false);
    }

    private static Database h2(String url, String user, String password, boolean inMemory) {
        return new Database(url, user, password, "org.h2.Driver", HapiFhirH2Dialect.class.getName(), inMemory);
    }

    /** Drops a private in-memory database once its pool is closed; no-op for other storage. */
    void dropInMemory() {
        if (!inMemory) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            // Nothing to drop (already gone) is not a failure of close().
        }
    }

    /** The URL without credentials, for logs. */
    String describe() {
        return url;
    }
}
