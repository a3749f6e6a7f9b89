package health.rapport.plugin.content;

import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.StoreFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registration of the shipped content, step by step: send only what the server lacks, and after a
 * transaction that timed out (which the server may still be running) look for its outcome instead of
 * sending it again. Not thread-safe: the registrar runs every step on its one thread.
 */
final class RegistrationRun {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationRun.class);

    /** What a step ended with, when it did not fail. */
    sealed interface Step {
        /** The server holds every resource; {@code created} of them were written by this registration. */
        record Registered(int created) implements Step {
        }

        /** A timed-out transaction may still be running; look again later. */
        record AwaitingOutcome(String reason) implements Step {
        }
    }

    /** A transaction sent at {@code sentAt} with {@code resources} whose answer never came. */
    private record Unanswered(List<MetadataResource> resources, Instant sentAt) {
    }

    private final ChartStore store;
    private final ContentPresence presence;
    private final List<MetadataResource> resources;
    private final Clock clock;
    private final Duration outcomeWait;
    private Unanswered unanswered;

    RegistrationRun(ChartStore store, List<MetadataResource> resources, Clock clock, Duration outcomeWait) {
        this.store = store;
        this.presence = new ContentPresence(store);
        this.resources = List.copyOf(resources);
        this.clock = clock;
        this.outcomeWait = outcomeWait;
    }

    /** Runs one step; a failure of the FHIR server is thrown as it came. */
    Step next() {
        if (unanswered != null) {
            List<MetadataResource> arrived = presence.present(unanswered.resources());
            if (arrived.size() == unanswered.resources().size()) {
                int created = arrived.size();
                LOG.info("The content transaction that timed out at {} has completed on the server: {} created",
                        unanswered.sentAt(), created);
                unanswered = null;
                return new Step.Registered(created);
            }
            Instant resendAfter = unanswered.sentAt().plus(outcomeWait);
            if (clock.instant().isBefore(resendAfter)) {
                return new Step.AwaitingOutcome("the content transaction sent at " + unanswered.sentAt()
                        + " timed out and may still be running on the FHIR server; nothing is sent again before "
                        + resendAfter);
            }
            LOG.warn("No outcome of the content transaction sent at {} after {} s: sending what is still missing",
                    unanswered.sentAt(), outcomeWait.toSeconds());
            unanswered = null;
        }
        List<MetadataResource> missing = missing(presence.present(resources));
        if (missing.isEmpty()) {
            return new Step.Registered(0);
        }
        Instant sentAt = clock.instant();
        try {
            Bundle response = store.transaction(RegistrationTransaction.of(missing));
            return new Step.Registered(RegistrationTransaction.created(response));
        } catch (ChartStoreException e) {
            // Only a timeout leaves the outcome open: any answer, even a 5xx, means the server has
            // finished with the transaction (all or nothing), and a refused connection sent nothing.
            if (e.failure() == StoreFailure.TIMEOUT) {
                unanswered = new Unanswered(missing, sentAt);
            }
            throw e;
        }
    }

    private List<MetadataResource> missing(List<MetadataResource> present) {
        Set<String> held = new HashSet<>();
        present.forEach(resource -> held.add(ContentPresence.key(resource)));
        return resources.stream().filter(resource -> !held.contains(ContentPresence.key(resource))).toList();
    }
}
