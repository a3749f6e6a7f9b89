package health.rapport.plugin.notify;

import health.rapport.plugin.careplan.CarePlanEngine;
import health.rapport.plugin.config.NotifyConfiguration;
import health.rapport.plugin.store.ChartStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Subscription receiver of one configuration: authenticates notifications, queues the
 * responses they name, and reconciles at activation and periodically. Exists only when
 * {@link NotifyConfiguration} is present; the servlet refuses everything without it.
 */
@Component(service = NotifyReceiver.class, configurationPid = NotifyConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = NotifyConfiguration.class)
public final class NotifyReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyReceiver.class);
    /** What a 503 asks the sender to wait; HAPI retries on its own schedule, reconciliation regardless. */
    static final int RETRY_AFTER_SECONDS = 30;

    private final SharedSecret secret;
    private final String headerName;
    private final ProcessingQueue queue;
    private final Reconciler reconciler;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    @Activate
    public NotifyReceiver(@Reference CarePlanEngine engine, @Reference ChartStore store, NotifyConfiguration config) {
        this.secret = new SharedSecret(config._secret());
        this.headerName = config.headerName().isBlank() ? "X-Rapport-Notify-Secret" : config.headerName().trim();
        ResponseHandler handler = new EngineResponseHandler(store, engine.responses());
        this.queue = new ProcessingQueue(handler, Math.max(1, config.queueSize()), Math.max(1, config.workers()));
        this.reconciler = new Reconciler(store, handler, Clock.systemUTC(),
                Duration.ofMinutes(Math.max(1, config.lookBackMinutes())),
                Duration.ofSeconds(Math.max(0, config.overlapSeconds())));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rapport-notify-reconcile");
            thread.setDaemon(true);
            return thread;
        });
        int interval = Math.max(10, config.reconcileIntervalSeconds());
        scheduler.scheduleWithFixedDelay(this::reconcile, 0, interval, TimeUnit.SECONDS);
        LOG.info("Subscription receiver: {}, header {}, queue {}, {} worker(s), reconciliation every {} s",
                secret.configured() ? "secret configured" : "NO secret (notifications refused, reconciliation only)",
                headerName, config.queueSize(), config.workers(), interval);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        queue.close();
    }

    String headerName() {
        return headerName;
    }

    boolean authenticated(String presentedSecret) {
        return secret.matches(presentedSecret);
    }

    /** Takes one authenticated delivery naming a response, or a wake-up; never waits on the FHIR server. */
    ProcessingQueue.Admission accept(Delivery delivery) {
        return switch (delivery.kind()) {
            case RESPONSE -> queue.submit(delivery.responseId().orElseThrow());
            case WAKE_UP -> wakeUp();
            case IGNORED, MALFORMED -> throw new IllegalArgumentException("nothing to accept: " + delivery.kind());
        };
    }

    NotifyStatus status() {
        return new NotifyStatus(queue.stats(), reconciler.lastPass().orElse(null));
    }

    /** A notification without payload names nothing: one extra pass soon covers it. */
    private ProcessingQueue.Admission wakeUp() {
        if (wakeUpPending.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                wakeUpPending.set(false);
                reconcile();
            }, 1, TimeUnit.SECONDS);
            return ProcessingQueue.Admission.QUEUED;
        }
        return ProcessingQueue.Admission.ALREADY_QUEUED;
    }

    private void reconcile() {
        try {
            reconciler.pass();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: keep the schedule alive.
            LOG.error("Reconciliation pass failed", e);
        }
    }

    /**
     * @param queue     the notification queue
     * @param lastPass  the latest reconciliation, or null before the first one ends
     */
    record NotifyStatus(ProcessingQueue.QueueStats queue, Reconciler.PassReport lastPass) {
    }
}
