package health.rapport.plugin.careplan;

import java.util.Optional;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;

/**
 * A CarePlan activity with its ActivityDefinition and session range (null for open-ended
 * maintenance work), and the Questionnaire it collects when it is a questionnaire task.
 */
public record ScheduledActivity(CarePlanActivityComponent activity, ActivityDefinition definition, String actionId,
        IptPhase phase, int[] sessions, Optional<String> questionnaire) {

    public boolean startsAt(int session) {
        return sessions != null && sessions[0] == session;
    }
}
