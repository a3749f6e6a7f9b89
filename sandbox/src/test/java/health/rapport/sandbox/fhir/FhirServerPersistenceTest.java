package health.rapport.sandbox.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A file-backed H2 database keeps its data across a stop and a start; close() really stops. */
class FhirServerPersistenceTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @TempDir
    Path dataDir;

    @Test
    void aPatientSurvivesAStopAndAStart() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FhirServerSettings settings = FhirServerSettings.h2File(dataDir).withRandomPort();
        String value = UUID.randomUUID().toString();

        IdType id;
        int firstPort;
        try (FhirServer first = FhirServer.start(settings)) {
            firstPort = first.port();
            Patient patient = new Patient();
            patient.addIdentifier().setSystem("urn:rapport:test:patient").setValue(value);
            id = (IdType) client(first).create().resource(patient).execute().getId().toUnqualifiedVersionless();
        }
        assertThat(Files.exists(dataDir.resolve("fhir-db").resolve("rapport-fhir.mv.db"))).isTrue();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), firstPort).close())
                .as("the HTTP port is released by close()")
                .isInstanceOf(ConnectException.class);

        try (FhirServer second = FhirServer.start(settings)) {
            System.out.printf("FHIR server (H2 file, existing schema) ready in %d ms%n", second.startupMillis());
            Patient read = client(second).read().resource(Patient.class).withId(id).execute();
            assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(value);
        }
    }

    @Test
    void aTakenFixedPortFailsFastWithAClearMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            FhirServerSettings settings = FhirServerSettings.inMemory().withPort(taken.getLocalPort());

            assertThatThrownBy(() -> FhirServer.start(settings))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("already in use");
        }
    }

    private static IGenericClient client(FhirServer server) {
        return FHIR.newRestfulGenericClient(server.baseUrl());
    }
}
