package health.rapport.sandbox.notify;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import health.rapport.sandbox.fhir.RecordClients;
import health.rapport.sandbox.osgi.OsgiHost;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's rest-hook Subscription and Rapport's receiver configuration, kept in step: the
 * Subscription on the FHIR server carries the same secret the receiver expects. What an EHR's IT
 * staff do by hand (docs/subscription.md), done at every start. The Subscription is written by a
 * conditional update on its tag, so restarts update the one Subscription instead of adding more.
 */
public final class Notifications {

    /** Rapport's configuration PID of the receiver. */
    public static final String PID = "health.rapport.notify";
    /** The header that carries the secret (the receiver's default). */
    public static final String HEADER = "X-Rapport-Notify-Secret";
    /** The tag that names the sandbox's Subscription, for the conditional update. */
    public static final String TAG_SYSTEM = "urn:rapport:sandbox";
    public static final String TAG_CODE = "notify-subscription";
    public static final String CRITERIA = "QuestionnaireResponse?status=completed";

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    private static final Duration ACTIVATION_TIMEOUT = Duration.ofSeconds(60);

    private final OsgiHost host;
    private final IGenericClient fhir;
    private final String endpoint;
    private final String secret;

    public Notifications(OsgiHost host, String fhirBaseUrl, String endpoint, String secret) {
        this.host = host;
        FhirContext context = FhirContext.forR4Cached();
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        this.fhir = RecordClients.current(context, fhirBaseUrl);
        this.endpoint = endpoint;
        this.secret = secret;
    }

    /** The receiver's configuration: the secret (a private property) and its header. */
    public static Map<String, Object> configuration(String secret) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(".secret", secret);
        values.put("headerName", HEADER);
        return values;
    }

    public String endpoint() {
        return endpoint;
    }

    public String secret() {
        return secret;
    }

    /** Receiver configured and Subscription active. */
    public void enable() {
        startReceiver();
        subscribe();
    }

    /** Subscription off and receiver gone: the FHIR server stops sending, Rapport stops listening. */
    public void disable() {
        unsubscribe();
        stopReceiver();
    }

    /** Configures the receiver; it reconciles at once. */
    public void startReceiver() {
        host.configure(PID, configuration(secret));
    }

    /** Deletes the receiver's configuration: the endpoint refuses everything (401) and reconciliation stops. */
    public void stopReceiver() {
        host.unconfigure(PID);
    }

    /** Creates or updates the Subscription (status requested) and waits until the FHIR server activates it. */
    public void subscribe() {
        write(Subscription.SubscriptionStatus.REQUESTED);
        long deadline = System.nanoTime() + ACTIVATION_TIMEOUT.toNanos();
        while (current().getStatus() != Subscription.SubscriptionStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the FHIR server did not activate the Subscription to " + endpoint
                        + " within " + ACTIVATION_TIMEOUT.toSeconds() + " s: " + current().getError());
            }
            pause();
        }
        LOG.info("Subscription {} → {} active", CRITERIA, endpoint);
    }

    /** Sets the Subscription off: the FHIR server sends nothing until {@link #subscribe()}. */
    public void unsubscribe() {
        write(Subscription.SubscriptionStatus.OFF);
    }

    /** The Subscription as the sandbox writes it; also the example of docs/subscription.md. */
    public Subscription subscription(Subscription.SubscriptionStatus status) {
        Subscription subscription = new Subscription();
        subscription.getMeta().addTag(TAG_SYSTEM, TAG_CODE, "Rapport notifications (sandbox)");
        subscription.setStatus(status);
        subscription.setReason("Rapport processes completed questionnaire responses (scores, care plan)");
        subscription.setCriteria(CRITERIA);
        subscription.getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint(endpoint)
                .setPayload("application/fhir+json")
                .addHeader(HEADER + ": " + secret);
        return subscription;
    }

    private void write(Subscription.SubscriptionStatus status) {
        fhir.update().resource(subscription(status))
                .conditionalByUrl("Subscription?_tag=" + TAG_SYSTEM + "|" + TAG_CODE).execute();
    }

    private Subscription current() {
        Bundle found = fhir.search().byUrl("Subscription?_tag=" + TAG_SYSTEM + "|" + TAG_CODE)
                .returnBundle(Bundle.class).execute();
        if (found.getEntry().size() != 1) {
            throw new IllegalStateException("expected one sandbox Subscription, found " + found.getEntry().size());
        }
        return (Subscription) found.getEntryFirstRep().getResource();
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Subscription", e);
        }
    }
}
