package health.rapport.plugin.careplan;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

/**
 * What a plan is applied for.
 *
 * @param subject       the patient
 * @param practitioner  the treating clinician, or null
 * @param sessions      contracted sessions (8–20)
 * @param start         first session's date
 * @param route         integration route (default: assimilative)
 * @param problemAreas  chosen problem areas (empty before the Inventory)
 * @param disputeStage  role-dispute stage, or null
 */
public record PlanRequest(Reference subject, Reference practitioner, int sessions, LocalDate start, Coding route,
        List<Coding> problemAreas, Coding disputeStage) {

    public PlanRequest {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(route, "route");
        problemAreas = List.copyOf(problemAreas);
    }
}
