package health.rapport.plugin.exchange.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/** The part of a {@link CareRecord} that travels, prepared for sharing, in document order. */
public record SharedRecord(Patient patient, CarePlan plan, List<Condition> conditions, List<Goal> goals,
        List<Observation> scores, Optional<QuestionnaireResponse> relapsePlan) {

    public List<DomainResource> all() {
        List<DomainResource> all = new ArrayList<>();
        all.add(patient);
        all.add(plan);
        all.addAll(conditions);
        all.addAll(goals);
        all.addAll(scores);
        relapsePlan.ifPresent(all::add);
        return all;
    }
}
