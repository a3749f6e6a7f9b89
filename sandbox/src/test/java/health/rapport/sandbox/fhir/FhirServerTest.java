package health.rapport.sandbox.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.sun.net.httpserver.HttpServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox FHIR server on in-memory H2, started once for the class, driven by HAPI's client. */
class FhirServerTest {

    private static final String SYSTEM = "urn:rapport:test:patient";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private static FhirServer server;
    private static IGenericClient client;

    @BeforeAll
    static void startServer() {
        server = FhirServer.start(FhirServerSettings.inMemory().withRandomPort());
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = FHIR.newRestfulGenericClient(server.baseUrl());
        System.out.printf("FHIR server (in-memory H2) ready in %d ms; %s%n", server.startupMillis(), memory());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            System.out.printf("Before stop: %s%n", memory());
            server.close();
        }
    }

    @Test
    void reportsTheBoundRandomPortInItsBaseUrl() {
        assertThat(server.port()).isPositive();
        assertThat(server.baseUrl()).isEqualTo("http://localhost:" + server.port() + "/fhir");
        assertThat(server.isRunning()).isTrue();
    }

    @Test
    void createsAndReadsAPatient() {
        Patient patient = patient(UUID.randomUUID().toString());
        patient.addName().setFamily("Lindqvist").addGiven("Maja");

        MethodOutcome created = client.create().resource(patient).execute();

        assertThat(created.getCreated()).isTrue();
        Patient read = client.read().resource(Patient.class).withId(created.getId().toUnqualifiedVersionless()).execute();
        assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Lindqvist");
        assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(patient.getIdentifierFirstRep().getValue());
        assertThat(read.getMeta().getVersionId()).isEqualTo("1");
    }

    @Test
    void conditionalCreateInATransactionRunTwiceCreatesOneResource() {
        String value = UUID.randomUUID().toString();

        Bundle first = client.transaction().withBundle(conditionalCreate(value)).execute();
        Bundle second = client.transaction().withBundle(conditionalCreate(value)).execute();

        Bundle.BundleEntryResponseComponent firstResponse = first.getEntryFirstRep().getResponse();
        Bundle.BundleEntryResponseComponent secondResponse = second.getEntryFirstRep().getResponse();
        assertThat(firstResponse.getStatus()).startsWith("201");
        assertThat(secondResponse.getStatus()).startsWith("200");
        assertThat(new IdType(secondResponse.getLocation()).toUnqualifiedVersionless().getValue())
                .isEqualTo(new IdType(firstResponse.getLocation()).toUnqualifiedVersionless().getValue());
        assertThat(searchByIdentifier(value).getEntry()).hasSize(1);
    }

    @Test
    void aConditionalUpdateRunTwiceUpdatesOneResource() {
        String value = UUID.randomUUID().toString();
        Patient patient = patient(value).setActive(true);

        MethodOutcome first = client.update().resource(patient).conditional()
                .where(Patient.IDENTIFIER.exactly().systemAndCode(SYSTEM, value)).execute();
        patient.setActive(false); // an unchanged resource would not get a new version
        MethodOutcome second = client.update().resource(patient).conditional()
                .where(Patient.IDENTIFIER.exactly().systemAndCode(SYSTEM, value)).execute();

        assertThat(first.getCreated()).isTrue();
        assertThat(second.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
        assertThat(second.getId().getVersionIdPart()).isEqualTo("2");
        assertThat(searchByIdentifier(value).getEntry()).hasSize(1);
        assertThat(((Patient) searchByIdentifier(value).getEntryFirstRep().getResource()).getActive()).isFalse();
    }

    @Test
    void anUpdateWithAStaleIfMatchIsRejectedWith409() {
        MethodOutcome created = client.create().resource(patient(UUID.randomUUID().toString())).execute();
        IdType id = (IdType) created.getId().toUnqualifiedVersionless();
        Patient v1 = client.read().resource(Patient.class).withId(id).execute();

        v1.setId(id);
        v1.setActive(true);
        MethodOutcome updated = client.update().resource(v1).withAdditionalHeader("If-Match", "W/\"1\"").execute();
        assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");

        v1.setActive(false);
        assertThatThrownBy(() -> client.update().resource(v1).withAdditionalHeader("If-Match", "W/\"1\"").execute())
                .isInstanceOf(BaseServerResponseException.class)
                .satisfies(e -> assertThat(((BaseServerResponseException) e).getStatusCode()).isEqualTo(409));
        Patient current = client.read().resource(Patient.class).withId(id).execute();
        assertThat(current.getMeta().getVersionId()).isEqualTo("2");
        assertThat(current.getActive()).isTrue();
    }

    @Test
    void aRepeatedSearchIsAnsweredFromTheCacheUnlessTheClientAsksForCurrentResults() {
        String value = UUID.randomUUID().toString();
        assertThat(searchByIdentifier(value).getEntry()).isEmpty();

        client.create().resource(patient(value)).execute();

        // The sandbox runs HAPI JPA's shipped default, as hospitals do: an identical search within 60 s
        // is answered from the earlier result set...
        assertThat(searchByIdentifier(value).getEntry()).as("reuse_cached_search_results_millis at its default").isEmpty();
        // ...and Cache-Control: no-cache, which Rapport sends on every search, gets the current one.
        Bundle after = client.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(SYSTEM, value))
                .withAdditionalHeader("Cache-Control", "no-cache")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(after.getEntry()).hasSize(1);
        assertThat(((Patient) after.getEntryFirstRep().getResource()).getIdentifierFirstRep().getValue()).isEqualTo(value);
    }

    @Test
    void theCapabilityStatementListsSubscription() {
        CapabilityStatement capabilities = client.capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(capabilities.getRestFirstRep().getResource())
                .extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .contains("Patient", "Subscription", "Observation", "QuestionnaireResponse", "CarePlan");
    }

    @Test
    void aRestHookSubscriptionBecomesActiveAndDelivers() throws IOException {
        List<String> deliveries = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/notify", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                deliveries.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                        + new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String value = UUID.randomUUID().toString();
            Subscription subscription = new Subscription();
            subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
            subscription.setReason("sandbox test");
            subscription.setCriteria("Patient?identifier=" + SYSTEM + "|" + value);
            subscription.getChannel()
                    .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                    .setEndpoint("http://127.0.0.1:" + receiver.getAddress().getPort() + "/notify")
                    .setPayload("application/fhir+json");
            IdType subscriptionId = (IdType) client.create().resource(subscription).execute().getId().toUnqualifiedVersionless();

            Await.until(Duration.ofSeconds(60), "the Subscription to become active", () ->
                    client.read().resource(Subscription.class).withId(subscriptionId).execute().getStatus()
                            == Subscription.SubscriptionStatus.ACTIVE);

            String patientId = client.create().resource(patient(value)).execute().getId().getIdPart();

            String delivery = Await.until(Duration.ofSeconds(60), "a rest-hook delivery", () ->
                    deliveries.stream().filter(d -> d.contains(value)).findFirst().orElse(null));
            assertThat(delivery).contains("/notify/Patient/" + patientId);
        } finally {
            receiver.stop(0);
        }
    }

    private static Patient patient(String identifierValue) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(SYSTEM).setValue(identifierValue);
        return patient;
    }

    private static Bundle conditionalCreate(String identifierValue) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(patient(identifierValue))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient")
                .setIfNoneExist("identifier=" + SYSTEM + "|" + identifierValue);
        return bundle;
    }

    private static Bundle searchByIdentifier(String value) {
        return client.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(SYSTEM, value))
                .returnBundle(Bundle.class)
                .execute();
    }

    /** Heap in use after a GC and the process's resident set, for the record. */
    static String memory() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        String rss = "n/a";
        try {
            rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> line.substring("VmRSS:".length()).trim())
                    .findFirst().orElse("n/a");
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "heap used after GC " + heapMb + " MB, RSS " + rss;
    }
}
