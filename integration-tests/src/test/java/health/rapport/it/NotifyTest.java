package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.notify.Notifications;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Subscription receiver at /rapport/notify, fed by the real HAPI JPA server's rest-hook
 * Subscription that the sandbox creates. The test run's sandbox starts without it (other tests
 * call $ipt-process themselves); this class switches it on and off again.
 */
@ExtendWith(SandboxExtension.class)
class NotifyTest {

    private static final String TOTAL = "http://loinc.org|44261-6";
    private static final String ITEM9 = "http://loinc.org|44260-8";
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @BeforeAll
    static void switchOn(Sandbox sandbox) {
        sandbox.notifications().enable();
        new Notify(sandbox).awaitUp();
    }

    @AfterAll
    static void switchOff(Sandbox sandbox) {
        new Notify(sandbox).awaitIdle();
        sandbox.notifications().disable();
    }

    @Test
    void aSavedPhq9IsProcessedThroughTheSubscription(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);

        String response = ehr.record.create().resource(Responses.phq9(patient, new Date(), 2, 3, 2, 2, 1, 2, 2, 1, 1))
                .execute().getId().getIdPart();

        Notify.await(DELIVERY, "the score Observation", () -> ehr.count("Observation?patient=Patient/" + patient
                + "&code=" + TOTAL) == 1);
        Observation total = (Observation) ehr.record.search().byUrl("Observation?patient=Patient/" + patient
                + "&code=" + TOTAL).returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();
        assertThat(((IntegerType) total.getValue()).getValue()).isEqualTo(16);
        assertThat(total.getDerivedFrom()).extracting(r -> r.getReferenceElement().getIdPart()).contains(response);
        assertThat(Notify.processings(ehr, response, "1")).isEqualTo(1);
        assertThat(ehr.record.search().byUrl("Task?patient=Patient/" + patient + "&status=completed")
                .returnBundle(Bundle.class).execute().getEntry())
                .extracting(e -> ((Task) e.getResource()).getDescription()).anyMatch(d -> d.contains("PHQ-9"));
    }

    @Test
    void threeDeliveriesOutOfOrderHaveOneEffect(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        Notify notify = new Notify(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        // Version 1 is in progress (outside the Subscription's criteria), version 2 completes it.
        QuestionnaireResponse draft = Responses.phq9(patient, new Date(), 1, 1, 1, 1, 1, 1, 1, 1, 0)
                .setStatus(QuestionnaireResponseStatus.INPROGRESS);
        String id = ehr.record.create().resource(draft).execute().getId().getIdPart();
        QuestionnaireResponse v1 = ehr.record.read().resource(QuestionnaireResponse.class).withId(id).execute();
        QuestionnaireResponse completed = v1.copy().setStatus(QuestionnaireResponseStatus.COMPLETED);
        ehr.record.update().resource(completed).execute();
        QuestionnaireResponse v2 = ehr.record.read().resource(QuestionnaireResponse.class).withId(id).execute();
        assertThat(v2.getMeta().getVersionId()).isEqualTo("2");
        String newer = Fhir.CONTEXT.newJsonParser().encodeResourceToString(v2);
        String older = Fhir.CONTEXT.newJsonParser().encodeResourceToString(v1);

        for (String body : List.of(newer, older, newer)) {
            long started = System.nanoTime();
            HttpResponse<String> answer = notify.deliver(id, body);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        }

        Notify.await(DELIVERY, "the processing of version 2", () -> Notify.processings(ehr, id, "2") == 1);
        notify.awaitIdle();
        assertThat(Notify.processings(ehr, id, "2")).isEqualTo(1);
        assertThat(Notify.processings(ehr, id, "1")).isZero();
        assertThat(ehr.count("Observation?patient=Patient/" + patient + "&code=" + TOTAL + "," + ITEM9)).isEqualTo(2);
        assertThat(ehr.count("Task?patient=Patient/" + patient + "&status=completed")).isEqualTo(1);
    }

    @Test
    void aReceiverDownForAWhileCatchesUpByReconciliation(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        Notify notify = new Notify(sandbox);
        Notifications notifications = sandbox.notifications();
        notifications.unsubscribe();
        notifications.stopReceiver();
        List<String> responses = new ArrayList<>();
        String patient = ehr.newPatient();
        try {
            Notify.await(Duration.ofSeconds(30), "the receiver to go", () -> notify.status() == null);
            for (int i = 0; i < 20; i++) {
                responses.add(ehr.record.create().resource(Responses.phq9(patient, new Date(), 1, 1, 1, 1, 1, 1, 1, 1,
                        0)).execute().getId().getIdPart());
            }
            assertThat(ehr.count("Observation?patient=Patient/" + patient)).isZero();
        } finally {
            notifications.startReceiver();
        }
        notify.awaitUp();

        Notify.await(Duration.ofSeconds(120), "all 20 responses processed", () ->
                ehr.count("Observation?patient=Patient/" + patient + "&code=" + TOTAL) == 20);
        for (String response : responses) {
            assertThat(Notify.processings(ehr, response, "1")).as(response).isEqualTo(1);
        }
        JsonNode pass = notify.status().path("lastPass");
        assertThat(pass.path("complete").asBoolean()).isTrue();
        notifications.subscribe();
    }

    @Test
    void aWrongOrMissingSecretIs401AndProcessesNothing(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        Notify notify = new Notify(sandbox);
        Notifications notifications = sandbox.notifications();
        // Off for a moment, so the only deliveries of this response are the ones below.
        notifications.unsubscribe();
        String patient = ehr.newPatient();
        String id;
        long accepted;
        try {
            QuestionnaireResponse phq9 = Responses.phq9(patient, new Date(), 2, 2, 2, 2, 2, 2, 2, 2, 1);
            id = ehr.record.create().resource(phq9).execute().getId().getIdPart();
            String body = Fhir.CONTEXT.newJsonParser().encodeResourceToString(
                    ehr.record.read().resource(QuestionnaireResponse.class).withId(id).execute());
            accepted = notify.status().path("queue").path("accepted").asLong();

            String secret = notifications.secret();
            assertThat(notify.deliver(null, null, id, body).statusCode()).isEqualTo(401);
            assertThat(notify.deliver(Notifications.HEADER, secret + "x", id, body).statusCode()).isEqualTo(401);
            assertThat(notify.deliver(Notifications.HEADER, secret.substring(1), id, body).statusCode()).isEqualTo(401);
            assertThat(notify.deliver(Notifications.HEADER, "", id, body).statusCode()).isEqualTo(401);
            assertThat(notify.deliver("Authorization", "Bearer " + secret, id, body).statusCode()).isEqualTo(401);
            HttpResponse<String> status = Http.send(HttpRequest.newBuilder(URI.create(notify.url()))
                    .header(Notifications.HEADER, "guess").GET().build());
            assertThat(status.statusCode()).isEqualTo(401);
            assertThat(status.body()).isEmpty();

            assertThat(notify.status().path("queue").path("accepted").asLong()).isEqualTo(accepted);
            assertThat(ehr.count("Observation?patient=Patient/" + patient)).isZero();
            assertThat(Notify.processings(ehr, id, "1")).isZero();

            // The same delivery with the secret is taken: the refusals above were about the secret alone.
            assertThat(notify.deliver(id, body).statusCode()).isEqualTo(200);
            Notify.await(DELIVERY, "the processing", () -> Notify.processings(ehr, id, "1") == 1);
        } finally {
            notifications.subscribe();
        }
    }

    @Test
    void aNotificationWithoutPayloadStartsAReconciliation(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        Notify notify = new Notify(sandbox);
        Notifications notifications = sandbox.notifications();
        notifications.unsubscribe();
        try {
            String patient = ehr.newPatient();
            String id = ehr.record.create().resource(Responses.phq9(patient, new Date(), 0, 1, 0, 1, 0, 1, 0, 1, 0))
                    .execute().getId().getIdPart();

            HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(URI.create(notify.url()))
                    .header(Notifications.HEADER, notifications.secret())
                    .POST(HttpRequest.BodyPublishers.noBody()).build());

            assertThat(answer.statusCode()).isEqualTo(200);
            Notify.await(DELIVERY, "the reconciliation", () -> Notify.processings(ehr, id, "1") == 1);
        } finally {
            notifications.subscribe();
        }
    }

    /**
     * Records what HAPI FHIR JPA 8.8 really sends for a rest-hook Subscription with and without a
     * payload: the receiver is built on this, not on the specification's wording alone.
     */
    @Test
    void hapiSendsAPutOfTheResourceWithPayloadAndAnEmptyPostWithout(Sandbox sandbox) throws IOException {
        Ehr ehr = new Ehr(sandbox);
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " secret="
                        + exchange.getRequestHeaders().getFirst("X-Test-Secret") + " type="
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " body=" + body.length());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        String patient = ehr.newPatient();
        List<IdType> subscriptions = new ArrayList<>();
        try {
            String base = "http://127.0.0.1:" + hook.getAddress().getPort();
            for (String payload : new String[] {"application/fhir+json", null}) {
                Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED)
                        .setReason("it").setCriteria("QuestionnaireResponse?subject=Patient/" + patient);
                subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK)
                        .setEndpoint(base + (payload == null ? "/empty" : "/full")).setPayload(payload)
                        .addHeader("X-Test-Secret: s3");
                subscriptions.add((IdType) ehr.record.create().resource(subscription).execute().getId()
                        .toUnqualifiedVersionless());
            }
            for (IdType id : subscriptions) {
                Notify.await(DELIVERY, "activation", () -> ehr.record.read().resource(Subscription.class).withId(id)
                        .execute().getStatus() == Subscription.SubscriptionStatus.ACTIVE);
            }
            QuestionnaireResponse created = Responses.phq9(patient, new Date(), 0, 0, 0, 0, 0, 0, 0, 0, 0)
                    .setStatus(QuestionnaireResponseStatus.INPROGRESS);
            String id = ehr.record.create().resource(created).execute().getId().getIdPart();
            QuestionnaireResponse update = ehr.record.read().resource(QuestionnaireResponse.class).withId(id).execute()
                    .setStatus(QuestionnaireResponseStatus.COMPLETED);
            ehr.record.update().resource(update).execute();

            Notify.await(DELIVERY, "four deliveries", () -> seen.size() >= 4);
            System.out.println("HAPI rest-hook deliveries: " + seen);
            assertThat(seen).filteredOn(s -> s.startsWith("PUT /full/QuestionnaireResponse/" + id)).hasSize(2)
                    .allSatisfy(s -> assertThat(s).contains("secret=s3", "type=application/fhir+json"));
            assertThat(seen).filteredOn(s -> s.startsWith("POST /empty ")).hasSize(2)
                    .allSatisfy(s -> assertThat(s).contains("secret=s3", "body=0"));
        } finally {
            subscriptions.forEach(s -> ehr.record.delete().resourceById(s).execute());
            hook.stop(0);
        }
    }
}
