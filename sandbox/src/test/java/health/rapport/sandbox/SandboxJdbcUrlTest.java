package health.rapport.sandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import health.rapport.sandbox.fhir.FhirServer;
import health.rapport.sandbox.fhir.FhirServerSettings;
import health.rapport.sandbox.fhir.ScratchPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ./sandbox.sh --jdbc-url … --jdbc-user … --jdbc-password …} runs the sandbox's FHIR
 * server on PostgreSQL: the options are parsed as the command line gives them, the server
 * starts on a fresh database (HAPI creates the schema with its PostgreSQL dialect), what it
 * stores is in that database, and survives a restart. Skipped without a PostgreSQL server
 * unless {@code rapport.postgres.required=true} (CI), see {@link ScratchPostgres}.
 */
class SandboxJdbcUrlTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @TempDir
    Path dataDir;

    private ScratchPostgres database;

    @BeforeEach
    void freshDatabase() {
        Optional<String> skip = ScratchPostgres.skipReason();
        assumeTrue(skip.isEmpty(), skip::get);
        database = ScratchPostgres.create("rapport_sandbox_test");
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theFhirServerKeepsItsRecordInThePostgresDatabaseGivenOnTheCommandLine() throws SQLException {
        SandboxOptions options = SandboxMain.parse(new String[] {
            "--data-dir", dataDir.toString(),
            "--jdbc-url", database.url(), "--jdbc-user", database.user(), "--jdbc-password", database.password()});
        assertThat(options.inMemory()).isFalse();
        assertThat(options.jdbcUrl()).isEqualTo(database.url());
        FhirServerSettings settings = Sandbox.fhirSettings(options).withRandomPort();
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        String value = UUID.randomUUID().toString();

        IdType id;
        try (FhirServer first = FhirServer.start(settings)) {
            System.out.printf("FHIR server (PostgreSQL, new schema) ready in %d ms%n", first.startupMillis());
            Patient patient = new Patient();
            patient.addIdentifier().setSystem("urn:rapport:test:patient").setValue(value);
            id = (IdType) client(first).create().resource(patient).execute().getId().toUnqualifiedVersionless();
        }
        assertThat(patientRowsIn(database)).as("HAPI's resource table in the PostgreSQL database").isEqualTo(1);

        try (FhirServer second = FhirServer.start(settings)) {
            System.out.printf("FHIR server (PostgreSQL, existing schema) ready in %d ms%n", second.startupMillis());
            Patient read = client(second).read().resource(Patient.class).withId(id).execute();
            assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(value);
            assertThat(client(second).search().forResource(Patient.class)
                    .where(Patient.IDENTIFIER.exactly().systemAndCode("urn:rapport:test:patient", value))
                    .returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute().getEntry())
                    .as("the search index written on PostgreSQL").hasSize(1);
        }
    }

    private static long patientRowsIn(ScratchPostgres database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM hfj_resource WHERE res_type = 'Patient'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static IGenericClient client(FhirServer server) {
        return FHIR.newRestfulGenericClient(server.baseUrl());
    }
}
