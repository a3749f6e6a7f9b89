package health.rapport.plugin.careplan;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.inventory.Extracted;
import health.rapport.plugin.inventory.InvalidInventoryException;
import health.rapport.plugin.inventory.InventoryExtraction;
import health.rapport.plugin.inventory.InventoryExtractor;
import health.rapport.plugin.inventory.SessionFeedbackExtractor;
import health.rapport.plugin.measures.MeasureScore;
import health.rapport.plugin.measures.MeasureScorer;
import health.rapport.plugin.measures.ScoreObservations;
import health.rapport.plugin.measures.UnscorableResponseException;
import health.rapport.plugin.store.TransactionBuilder;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * SDC extraction of Rapport's questionnaires: PHQ-9/GAD-7 to score Observations recomputed
 * from the answers, the Interpersonal Inventory to RelatedPersons, relationship Observations,
 * problem-area Conditions and Goals. Writes nothing; {@code $extract} returns it as a
 * transaction, {@code $ipt-process} writes it.
 */
public final class ResponseExtraction {

    private final MeasureScorer scorer = new MeasureScorer();
    private final ScoreObservations scoreObservations = new ScoreObservations();
    private final InventoryExtractor extractor = new InventoryExtractor();
    private final SessionFeedbackExtractor feedback = new SessionFeedbackExtractor();

    /**
     * What one response yields.
     *
     * @param score        the recomputed measure (PHQ-9, GAD-7)
     * @param observations the score Observations, total first; or the session feedback's rating Observations
     * @param inventory    the Inventory's extraction
     */
    public record Extraction(Optional<MeasureScore> score, List<Observation> observations,
            Optional<InventoryExtraction> inventory) {
    }

    public Extraction extract(QuestionnaireResponse response) {
        if (scorer.instrumentOf(response).isPresent()) {
            MeasureScore score;
            try {
                score = scorer.score(response);
            } catch (UnscorableResponseException e) {
                throw OperationFailure.businessRule(e.getMessage());
            }
            return new Extraction(Optional.of(score), scoreObservations.build(response, score), Optional.empty());
        }
        if (Canonicals.QUESTIONNAIRE_INVENTORY.equals(Canonicals.url(response.getQuestionnaire()))) {
            try {
                return new Extraction(Optional.empty(), List.of(), Optional.of(extractor.extract(response)));
            } catch (InvalidInventoryException e) {
                throw OperationFailure.businessRule(e.getMessage());
            }
        }
        if (Canonicals.QUESTIONNAIRE_SESSION_FEEDBACK.equals(Canonicals.url(response.getQuestionnaire()))) {
            return new Extraction(Optional.empty(), feedback.extract(response), Optional.empty());
        }
        return new Extraction(Optional.empty(), List.of(), Optional.empty());
    }

    /** Whether the extraction yields no resource at all (e.g. the relapse-prevention plan, which has no mapping). */
    public static boolean isEmpty(Extraction extraction) {
        return extraction.observations().isEmpty()
                && extraction.inventory().map(i -> i.all().isEmpty()).orElse(true);
    }

    /** Adds the extraction's resources to a transaction as conditional creates. */
    public static void addTo(Extraction extraction, TransactionBuilder transaction,
            List<org.hl7.fhir.r4.model.Reference> written) {
        for (Observation observation : extraction.observations()) {
            written.add(transaction.createUnlessIdentified(observation, observation.getIdentifierFirstRep().getSystem(),
                    observation.getIdentifierFirstRep().getValue()));
        }
        extraction.inventory().ifPresent(inventory -> {
            for (Extracted<?> extracted : inventory.all()) {
                written.add(transaction.createUnlessIdentified(extracted.resource(), extracted.fullUrl(),
                        extracted.identifier().getSystem(), extracted.identifier().getValue()));
            }
        });
    }

    /** The extraction as the transaction Bundle SDC's $extract returns. */
    public Bundle asTransaction(QuestionnaireResponse response) {
        return asTransaction(extract(response));
    }

    public static Bundle asTransaction(Extraction extraction) {
        TransactionBuilder transaction = new TransactionBuilder();
        addTo(extraction, transaction, new java.util.ArrayList<>());
        return transaction.build();
    }

}
