package health.rapport.plugin.notify;

import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds completed responses to Rapport's questionnaires that were stored or changed since the
 * previous pass and lack their processing, and processes them: what a missed notification (the
 * receiver down, the queue full, a delivery the FHIR server gave up on) would have done. The
 * window only moves forward after a pass in which nothing failed transiently, so a response
 * whose processing failed is looked at again. The window lives in memory: after a restart the
 * first pass looks back a configured time (Rapport keeps no state of its own).
 */
final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final int PAGE = 100;

    private final ChartStore store;
    private final ProcessedMarkers markers;
    private final ResponseHandler handler;
    private final Clock clock;
    private final Duration overlap;
    private Instant since;
    private volatile PassReport last;

    Reconciler(ChartStore store, ResponseHandler handler, Clock clock, Duration lookBack, Duration overlap) {
        this.store = store;
        this.markers = new ProcessedMarkers(store);
        this.handler = handler;
        this.clock = clock;
        this.overlap = overlap;
        this.since = clock.instant().minus(lookBack);
    }

    /** One pass; callers run passes one at a time (a single scheduler thread). */
    synchronized PassReport pass() {
        Instant started = clock.instant();
        Instant from = since.minus(overlap).truncatedTo(ChronoUnit.SECONDS);
        int found = 0;
        int processed = 0;
        boolean clean = true;
        try {
            List<QuestionnaireResponse> candidates = candidates(from);
            List<QuestionnaireResponse> missing = markers.unprocessed(candidates);
            found = missing.size();
            for (QuestionnaireResponse response : missing) {
                Outcome outcome = handle(response.getIdElement().getIdPart());
                clean &= !outcome.transientFailure();
                processed += outcome == Outcome.PROCESSED ? 1 : 0;
            }
        } catch (ChartStoreException e) {
            LOG.warn("Reconciliation from {} stopped, the FHIR server failed ({}); the next pass tries again",
                    from, e.failure());
            clean = false;
        }
        if (clean) {
            since = started;
        }
        last = new PassReport(started, from, found, processed, clean);
        if (found > 0) {
            LOG.info("Reconciliation from {}: {} unprocessed response(s), {} processed now", from, found, processed);
        }
        return last;
    }

    Optional<PassReport> lastPass() {
        return Optional.ofNullable(last);
    }

    private List<QuestionnaireResponse> candidates(Instant from) {
        List<QuestionnaireResponse> found = new ArrayList<>();
        Optional<Bundle> page = Optional.of(store.search("QuestionnaireResponse?status=completed&_lastUpdated=ge"
                + from + "&_sort=_lastUpdated&_count=" + PAGE));
        while (page.isPresent()) {
            page.get().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(QuestionnaireResponse.class::isInstance).map(QuestionnaireResponse.class::cast)
                    .filter(EngineResponseHandler::isRapports).forEach(found::add);
            page = store.nextPage(page.get());
        }
        return found;
    }

    private Outcome handle(String responseId) {
        try {
            return handler.handle(responseId);
        } catch (RuntimeException e) {
            // A defect, not the server: retrying every pass would not help, and must not stall the window.
            LOG.error("Reconciling QuestionnaireResponse/{} failed unexpectedly", responseId, e);
            return Outcome.REJECTED;
        }
    }

    /**
     * @param started   when the pass began (Rapport's clock)
     * @param from      the {@code _lastUpdated} lower bound it searched from
     * @param found     responses without their processing
     * @param processed of which processed by this pass
     * @param complete  nothing failed transiently, so the window moved on
     */
    record PassReport(Instant started, Instant from, int found, int processed, boolean complete) {
    }
}
