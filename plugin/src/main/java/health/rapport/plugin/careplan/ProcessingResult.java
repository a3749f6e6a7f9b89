package health.rapport.plugin.careplan;

import health.rapport.plugin.sessions.SessionOutcome;
import health.rapport.plugin.measures.MeasureScore;
import health.rapport.plugin.measures.SkippedRecord;
import health.rapport.plugin.measures.TreatmentResponse;
import health.rapport.plugin.safety.Item9State;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;

/**
 * What processing one QuestionnaireResponse version did.
 *
 * @param alreadyProcessed true when this version had been processed before (nothing written)
 * @param carePlan         the patient's open course after processing, if there is one
 * @param score            the recomputed measure, for PHQ-9 and GAD-7
 * @param treatmentResponse response/remission/non-response with reasons and suggestions
 * @param safety           the patient's PHQ-9 item-9 state after processing a PHQ-9 (the rule every
 *                         surface uses)
 * @param ignored          chart records set aside while evaluating, with the reason
 * @param notes            what was recorded and what was not, in plain words
 * @param session          the session a session-record form recorded
 */
public record ProcessingResult(boolean alreadyProcessed, Optional<CarePlan> carePlan, Optional<MeasureScore> score,
        Optional<TreatmentResponse> treatmentResponse, Optional<Item9State> safety, List<SkippedRecord> ignored,
        List<String> notes, Optional<SessionOutcome> session) {

    public ProcessingResult {
        ignored = List.copyOf(ignored);
        notes = List.copyOf(notes);
    }

    public ProcessingResult(boolean alreadyProcessed, Optional<CarePlan> carePlan, Optional<MeasureScore> score,
            Optional<TreatmentResponse> treatmentResponse, Optional<Item9State> safety, List<SkippedRecord> ignored,
            List<String> notes) {
        this(alreadyProcessed, carePlan, score, treatmentResponse, safety, ignored, notes, Optional.empty());
    }

    static ProcessingResult session(SessionOutcome outcome, String note) {
        return new ProcessingResult(false, Optional.of(outcome.carePlan()), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of(note), Optional.of(outcome));
    }

    static ProcessingResult alreadyProcessed(Optional<Item9State> safety) {
        return new ProcessingResult(true, Optional.empty(), Optional.empty(), Optional.empty(), safety, List.of(),
                List.of());
    }
}
