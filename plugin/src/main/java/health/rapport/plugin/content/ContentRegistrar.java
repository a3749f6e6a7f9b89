package health.rapport.plugin.content;

import health.rapport.plugin.store.ChartStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.r4.model.MetadataResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the bundle's FHIR content on the configured FHIR server, in the background
 * and with capped exponential back-off, so activation never waits on the network and an
 * unreachable server costs one log line per state change, not one per attempt. Each attempt
 * is a step of one {@link RegistrationRun}, which never re-sends a transaction that may still
 * be running.
 */
@Component(service = ContentRegistration.class, immediate = true)
public final class ContentRegistrar implements ContentRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(ContentRegistrar.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(60);
    /**
     * How long a timed-out transaction may still complete on the server before what is missing is
     * sent again: far beyond what the whole catalog takes on a cold server (about 15 s).
     */
    private static final Duration OUTCOME_WAIT = Duration.ofMinutes(5);

    private final ChartStore store;
    private final List<MetadataResource> resources;
    private final RegistrationRun run;
    private final Duration firstRetry;
    private final ScheduledExecutorService executor;
    private final AtomicReference<RegistrationState> state;

    @Activate
    public ContentRegistrar(@Reference ChartStore store, @Reference ContentLibrary library) {
        this(store, library.resources(), Clock.systemUTC(), FIRST_RETRY, OUTCOME_WAIT);
    }

    ContentRegistrar(ChartStore store, List<MetadataResource> resources, Clock clock, Duration firstRetry,
            Duration outcomeWait) {
        this.store = store;
        this.resources = resources;
        this.run = new RegistrationRun(store, resources, clock, outcomeWait);
        this.firstRetry = firstRetry;
        this.state = new AtomicReference<>(new RegistrationState(RegistrationState.Status.PENDING,
                resources.size(), 0, 0, null, Instant.now()));
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rapport-content-registration");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(() -> attempt(firstRetry));
    }

    @Deactivate
    void stop() {
        executor.shutdownNow();
    }

    @Override
    public RegistrationState state() {
        return state.get();
    }

    private void attempt(Duration nextDelay) {
        RegistrationState previous = state.get();
        int attempts = previous.attempts() + 1;
        try {
            RegistrationRun.Step step = run.next();
            if (step instanceof RegistrationRun.Step.AwaitingOutcome awaiting) {
                state.set(new RegistrationState(RegistrationState.Status.RETRYING, resources.size(), 0, attempts,
                        awaiting.reason(), Instant.now()));
                if (previous.status() != RegistrationState.Status.RETRYING
                        || !awaiting.reason().equals(previous.lastError())) {
                    LOG.warn("FHIR content not registered yet: {}", awaiting.reason());
                }
                retryAfter(nextDelay);
                return;
            }
            int created = ((RegistrationRun.Step.Registered) step).created();
            state.set(new RegistrationState(RegistrationState.Status.REGISTERED, resources.size(), created, attempts,
                    null, Instant.now()));
            LOG.info("FHIR content registered on {}: {} resources, {} created, {} already present",
                    store.baseUrl(), resources.size(), created, resources.size() - created);
        } catch (RuntimeException e) {
            // A ChartStoreException is the expected case; anything else is still retried, never lost.
            state.set(new RegistrationState(RegistrationState.Status.RETRYING, resources.size(), 0, attempts,
                    String.valueOf(e.getMessage()), Instant.now()));
            if (previous.status() != RegistrationState.Status.RETRYING
                    || !String.valueOf(e.getMessage()).equals(previous.lastError())) {
                LOG.warn("FHIR content not registered yet, retrying with back-off up to {} s: {}",
                        MAX_RETRY.toSeconds(), e.getMessage());
            }
            retryAfter(nextDelay);
        }
    }

    private void retryAfter(Duration delay) {
        if (!executor.isShutdown()) {
            Duration after = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
            executor.schedule(() -> attempt(after), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
