package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.notify.Notifications;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Rapport's Subscription receiver as the FHIR server calls it, and waits on its effects. */
final class Notify {

    static final String TAG_WRITE = "https://rapport-ipt.org/fhir/CodeSystem/write";

    private final Sandbox sandbox;
    private final String rapportUrl;

    Notify(Sandbox sandbox) {
        this(sandbox, sandbox.rapportUrl());
    }

    /** The receiver of the Rapport host at {@code rapportUrl} (another node against the same server). */
    Notify(Sandbox sandbox, String rapportUrl) {
        this.sandbox = sandbox;
        this.rapportUrl = rapportUrl;
    }

    String url() {
        return rapportUrl + "/notify";
    }

    /** A rest-hook delivery as HAPI makes it: PUT {endpoint}/QuestionnaireResponse/{id} with the resource. */
    HttpResponse<String> deliver(String secretHeader, String secret, String responseId, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/QuestionnaireResponse/" + responseId))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/fhir+json; charset=UTF-8")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (secretHeader != null) {
            request.header(secretHeader, secret);
        }
        return Http.send(request.build());
    }

    HttpResponse<String> deliver(String responseId, String body) {
        return deliver(Notifications.HEADER, sandbox.notifications().secret(), responseId, body);
    }

    /** The receiver's status (GET with the secret), or null while it refuses (not configured). */
    JsonNode status() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(url()))
                .timeout(Duration.ofSeconds(10))
                .header(Notifications.HEADER, sandbox.notifications().secret()).GET().build());
        return response.statusCode() == 200 ? Json.parse(response.body()) : null;
    }

    void awaitUp() {
        await(Duration.ofSeconds(30), "the receiver to answer", () -> status() != null);
    }

    /** Waits until the receiver has nothing queued or running. */
    void awaitIdle() {
        await(Duration.ofSeconds(60), "the receiver's queue to drain", () -> {
            JsonNode status = status();
            return status != null && status.path("queue").path("waiting").asInt() == 0
                    && status.path("queue").path("running").asInt() == 0;
        });
    }

    /** Provenances recording the processing of this response version. */
    static int processings(Ehr ehr, String responseId, String version) {
        return ehr.count("Provenance?_tag=" + TAG_WRITE + "|process/" + responseId + "/" + version);
    }

    /** Polls {@code condition} every 200 ms until true or {@code timeout}; fails with {@code what} otherwise. */
    static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited " + timeout.toSeconds() + " s for " + what).isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
