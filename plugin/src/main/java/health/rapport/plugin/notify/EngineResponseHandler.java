package health.rapport.plugin.notify;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.careplan.ResponseProcessor;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.StoreFailure;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a response to the care-plan engine when it is Rapport's to process. The engine reads the
 * current version itself and records its processing in the same transaction, so duplicates and
 * late, out-of-order notifications end as "already processed" and two hosts cannot both write.
 * Logs name resources by id only: response content is PHI.
 */
final class EngineResponseHandler implements ResponseHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EngineResponseHandler.class);
    /** A conflict means the patient's plan moved under us; a fresh attempt reads it again. */
    static final int ATTEMPTS = 3;

    private final ChartStore store;
    private final ResponseProcessor processor;

    EngineResponseHandler(ChartStore store, ResponseProcessor processor) {
        this.store = store;
        this.processor = processor;
    }

    @Override
    public Outcome handle(String responseId) {
        try {
            if (!isRapports(store.read(QuestionnaireResponse.class, responseId))) {
                return Outcome.SKIPPED;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    return processor.process(responseId, null).alreadyProcessed()
                            ? Outcome.ALREADY_PROCESSED : Outcome.PROCESSED;
                } catch (OperationFailure e) {
                    if (e.status() != 409) {
                        LOG.warn("QuestionnaireResponse/{} not processed ({}): {}", responseId, e.status(), e.getMessage());
                        return e.status() == 404 ? Outcome.SKIPPED : Outcome.REJECTED;
                    }
                    if (attempt == ATTEMPTS) {
                        LOG.warn("QuestionnaireResponse/{} conflicted {} times; left for reconciliation", responseId,
                                ATTEMPTS);
                        return Outcome.RETRY_LATER;
                    }
                }
            }
        } catch (ChartStoreException e) {
            if (e.failure() == StoreFailure.NOT_FOUND) {
                return Outcome.SKIPPED;
            }
            LOG.warn("QuestionnaireResponse/{} not processed, the FHIR server failed ({}); left for reconciliation",
                    responseId, e.failure());
            return Outcome.RETRY_LATER;
        }
    }

    /** Completed (or amended) answers to one of Rapport's own Questionnaires. */
    static boolean isRapports(QuestionnaireResponse response) {
        String questionnaire = response.getQuestionnaire();
        return questionnaire != null && questionnaire.startsWith(Canonicals.QUESTIONNAIRE_BASE)
                && (response.getStatus() == QuestionnaireResponseStatus.COMPLETED
                        || response.getStatus() == QuestionnaireResponseStatus.AMENDED);
    }
}
