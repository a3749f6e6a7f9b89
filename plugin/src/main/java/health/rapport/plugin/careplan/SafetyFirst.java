package health.rapport.plugin.careplan;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.ItemReading;
import health.rapport.plugin.measures.MeasureScorer;
import health.rapport.plugin.measures.ScoreObservations;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.TransactionBuilder;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;

/**
 * Records PHQ-9 item 9 before, and apart from, everything else processing does: scoring,
 * evaluation, extraction and plan updates may fail on the state of the chart or of the form, but
 * none of them can prevent or undo this write. It is its own transaction (the Observation and its
 * Provenance), idempotent per response version, and an amended answer updates it.
 */
final class SafetyFirst {

    private final ChartStore store;
    private final MeasureScorer scorer = new MeasureScorer();
    private final ScoreObservations observations = new ScoreObservations();
    private final String rapportVersion;

    SafetyFirst(ChartStore store, String rapportVersion) {
        this.store = store;
        this.rapportVersion = rapportVersion;
    }

    /**
     * The item-9 Observation, when the response is a completed (or amended) PHQ-9 with a readable item 9
     * and a Patient subject. A form still in progress is not processed at all; the safety check reads its
     * answer from the response itself.
     */
    Optional<Reference> record(QuestionnaireResponse response, Reference clinician) {
        if (scorer.instrumentOf(response).filter(i -> i == Instrument.PHQ9).isEmpty()
                || !(response.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
                        || response.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED)
                || !"Patient".equals(response.getSubject().getReferenceElement().getResourceType())
                || response.getMeta().getVersionId() == null) {
            return Optional.empty();
        }
        if (!(scorer.item(response, Instrument.PHQ9_ITEM9) instanceof ItemReading.Answered answered)) {
            return Optional.empty();
        }
        String id = response.getIdElement().getIdPart();
        String key = "safety/" + id + "/" + response.getMeta().getVersionId();
        Observation item9 = observations.item9(response, answered.weight());
        TransactionBuilder transaction = new TransactionBuilder();
        String patientId = response.getSubject().getReferenceElement().getIdPart();
        Reference written = DerivedResults.of(store, patientId, id).write(transaction, item9);
        transaction.createUnlessTagged(Provenances.of(List.of(written), clinician, rapportVersion, "CREATE", key,
                "PHQ-9 item 9 of QuestionnaireResponse/" + id + " version " + response.getMeta().getVersionId()
                        + ", recorded before the rest of the form"), Canonicals.TAG_WRITE, key);
        store.transaction(transaction.build());
        return Optional.of(written);
    }
}
