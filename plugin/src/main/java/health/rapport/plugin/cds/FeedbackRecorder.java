package health.rapport.plugin.cds;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.security.VerifiedCaller;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.TransactionBuilder;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records feedback on Rapport's cards as AuditEvents on Rapport's configured FHIR server (the
 * chart store), all items of one call in one transaction, each conditional on its write tag so
 * a retried call records nothing twice.
 */
final class FeedbackRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackRecorder.class);

    private final FeedbackParser parser;
    private final Optional<ChartStore> store;
    private final Clock clock;

    FeedbackRecorder(FeedbackParser parser, Optional<ChartStore> store, Clock clock) {
        this.parser = parser;
        this.store = store;
        this.clock = clock;
    }

    CdsAnswer record(byte[] body, VerifiedCaller caller) {
        List<Feedback> items;
        try {
            items = parser.parse(body);
        } catch (InvalidHookRequestException e) {
            return CdsAnswer.error(400, e.getMessage());
        }
        if (store.isEmpty()) {
            return CdsAnswer.error(503, "Rapport's FHIR server is not configured");
        }
        TransactionBuilder transaction = new TransactionBuilder();
        Date now = Date.from(clock.instant());
        for (Feedback item : items) {
            transaction.createUnlessTagged(FeedbackAuditEvents.of(item, caller, now), Canonicals.TAG_WRITE,
                    FeedbackAuditEvents.writeKey(item));
        }
        try {
            store.get().transaction(transaction.build());
        } catch (ChartStoreException e) {
            LOG.warn("CDS feedback not recorded: {}", e.getMessage());
            return CdsAnswer.error(e.failure().httpStatus(), "the feedback could not be recorded");
        }
        return CdsAnswer.empty();
    }
}
