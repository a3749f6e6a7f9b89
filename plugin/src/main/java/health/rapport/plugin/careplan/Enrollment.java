package health.rapport.plugin.careplan;

import org.hl7.fhir.r4.model.CarePlan;

/** The outcome of an enrolment: the patient's open IPT plan, and whether this call created it. */
public record Enrollment(CarePlan carePlan, boolean created) {
}
