package health.rapport.benchmarks.jmh;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import health.rapport.plugin.careplan.PlanRequest;
import health.rapport.plugin.fhir.Canonicals;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

/** What the benchmarks share: a FhirContext made as the bundle makes it, and plan requests. */
final class Fixtures {

    /** Quiet logging in the forks (WARN; Rapport at INFO), as the sandbox logs. */
    static final String LOGBACK = "health/rapport/sandbox/fhir/fhir-server-logback.xml";

    private Fixtures() {
    }

    /** As FhirRuntime does at activation: R4, every resource definition scanned up front. */
    static FhirContext fhirContext() {
        FhirContext context = new FhirContext(FhirVersionEnum.R4);
        for (String type : context.getResourceTypes()) {
            context.getResourceDefinition(type);
        }
        return context;
    }

    /** $apply with only a subject (16 sessions, assimilative route): no problem area chosen yet. */
    static PlanRequest plain() {
        return new PlanRequest(new Reference("Patient/bench-1"), new Reference("Practitioner/bench-1"), 16,
                LocalDate.of(2026, 1, 5), route(), List.of(), null);
    }

    /** $apply for a role dispute at impasse: the sub-plans' FHIRPath conditions are evaluated. */
    static PlanRequest roleDisputeImpasse() {
        return new PlanRequest(new Reference("Patient/bench-1"), new Reference("Practitioner/bench-1"), 16,
                LocalDate.of(2026, 1, 5), route(),
                List.of(new Coding(Canonicals.CS_PROBLEM_AREA, "role-dispute", "Role dispute")),
                new Coding(Canonicals.CS_DISPUTE_STAGE, "impasse", "Impasse"));
    }

    private static Coding route() {
        return new Coding(Canonicals.CS_INTEGRATION_ROUTE, "assimilative", "Assimilative integration");
    }
}
