package health.rapport.plugin.content;

import health.rapport.plugin.store.ChartStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.r4.model.Bundle;
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
 * unreachable server costs one log line per state change, not one per attempt.
 */
@Component(service = ContentRegistration.class, immediate = true)
public final class ContentRegistrar implements ContentRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(ContentRegistrar.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(60);

    private final ChartStore store;
    private final List<MetadataResource> resources;
    private final ScheduledExecutorService executor;
    private final AtomicReference<RegistrationState> state;

    @Activate
    public ContentRegistrar(@Reference ChartStore store, @Reference ContentLibrary library) {
        this.store = store;
        this.resources = library.resources();
        this.state = new AtomicReference<>(new RegistrationState(RegistrationState.Status.PENDING,
                resources.size(), 0, 0, null, Instant.now()));
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rapport-content-registration");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(() -> attempt(FIRST_RETRY));
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
            Bundle response = store.transaction(RegistrationTransaction.of(resources));
            int created = RegistrationTransaction.created(response);
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
            if (!executor.isShutdown()) {
                Duration after = nextDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : nextDelay.multipliedBy(2);
                executor.schedule(() -> attempt(after), nextDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
