package health.rapport.plugin.careplan;

import health.rapport.plugin.measures.MeasureScore;
import health.rapport.plugin.measures.TreatmentResponse;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;

/**
 * What processing one QuestionnaireResponse version did.
 *
 * @param alreadyProcessed true when this version had been processed before (nothing written)
 * @param carePlan         the patient's open course after processing, if there is one
 * @param score            the recomputed measure, for PHQ-9 and GAD-7
 * @param treatmentResponse response/remission/non-response with reasons and suggestions
 */
public record ProcessingResult(boolean alreadyProcessed, Optional<CarePlan> carePlan, Optional<MeasureScore> score,
        Optional<TreatmentResponse> treatmentResponse) {
}
