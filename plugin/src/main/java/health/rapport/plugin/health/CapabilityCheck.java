package health.rapport.plugin.health;

import health.rapport.plugin.store.ChartStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configured FHIR server's CapabilityStatement once per configuration, in the background, and logs once
 * what Rapport needs that it does not declare ({@link ServerRequirements}); {@code /rapport/health} shows the result.
 * Until the server answers it retries with back-off, logging one line per distinct failure.
 */
@Component(service = CapabilityCheck.class, immediate = true)
public final class CapabilityCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CapabilityCheck.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration MAX_RETRY = Duration.ofMinutes(5);

    /** The check's outcome as the health report shows it. */
    public record Result(Status status, List<String> missing, String error) {
        public enum Status { PENDING, COMPLETE, INCOMPLETE }
    }

    private final ChartStore store;
    private final ScheduledExecutorService executor;
    private final AtomicReference<Result> result = new AtomicReference<>(new Result(Result.Status.PENDING, null, null));

    @Activate
    public CapabilityCheck(@Reference ChartStore store) {
        this.store = store;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rapport-capability-check");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(() -> attempt(FIRST_RETRY));
    }

    @Deactivate
    void stop() {
        executor.shutdownNow();
    }

    public Result result() {
        return result.get();
    }

    private void attempt(Duration nextDelay) {
        try {
            List<String> missing = ServerRequirements.missing(store.capabilities());
            if (missing.isEmpty()) {
                result.set(new Result(Result.Status.COMPLETE, List.of(), null));
                LOG.info("FHIR server {} declares every capability Rapport needs", store.baseUrl());
            } else {
                result.set(new Result(Result.Status.INCOMPLETE, missing, null));
                LOG.warn("FHIR server {} does not declare {} capabilities Rapport needs (see docs/install.md): {}",
                        store.baseUrl(), missing.size(), String.join("; ", missing));
            }
        } catch (RuntimeException e) {
            Result previous = result.get();
            String error = String.valueOf(e.getMessage());
            result.set(new Result(Result.Status.PENDING, null, error));
            if (!error.equals(previous.error())) {
                LOG.warn("FHIR server capabilities not read yet, retrying: {}", error);
            }
            if (!executor.isShutdown()) {
                Duration after = nextDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY
                        : nextDelay.multipliedBy(2);
                executor.schedule(() -> attempt(after), nextDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
