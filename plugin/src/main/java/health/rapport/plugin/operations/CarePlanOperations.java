package health.rapport.plugin.operations;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.rapport.plugin.careplan.CarePlanEngine;
import health.rapport.plugin.careplan.Enrollment;
import health.rapport.plugin.careplan.EnrollmentRequest;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.careplan.PlanRequest;
import java.util.List;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;


/** Enrolment, {@code $apply} and phase changes: parse, delegate to the engine, answer. */
@Component(service = RapportOperations.class)
public final class CarePlanOperations implements RapportOperations {

    private final CarePlanEngine engine;
    private final health.rapport.plugin.content.ContentLibrary library;

    @Activate
    public CarePlanOperations(@org.osgi.service.component.annotations.Reference CarePlanEngine engine,
            @org.osgi.service.component.annotations.Reference health.rapport.plugin.content.ContentLibrary library) {
        this.engine = engine;
        this.library = library;
    }

    @Operation(name = "$ipt-enroll", type = Patient.class)
    public CarePlan enroll(@IdParam IdType patient,
            @OperationParam(name = "planDefinition", max = 1) CanonicalType planDefinition,
            @OperationParam(name = "sessions", max = 1) IntegerType sessions,
            @OperationParam(name = "start", max = 1) DateType start,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner,
            @OperationParam(name = "integrationRoute", max = 1) Coding route,
            @OperationParam(name = "format", max = 1) CodeType format,
            @OperationParam(name = "partner", max = 1) StringType partner,
            @OperationParam(name = "group", max = 1) StringType group) {
        String plan = planDefinition == null || planDefinition.isEmpty() ? null : planDefinition.getValue();
        Enrollment enrollment = engine.enrollment().enroll(new EnrollmentRequest(patient.getIdPart(), plan,
                OperationParams.sessions(sessions), OperationParams.date(start),
                OperationParams.practitioner(practitioner), OperationParams.route(route),
                OperationParams.courseFormat(format, partner, group)));
        return enrollment.carePlan();
    }

    @Operation(name = "$apply", type = PlanDefinition.class, idempotent = true)
    public CarePlan apply(@IdParam IdType id,
            @OperationParam(name = "subject", min = 1, max = 1) StringType subject,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner,
            @OperationParam(name = "sessions", max = 1) IntegerType sessions,
            @OperationParam(name = "start", max = 1) DateType start,
            @OperationParam(name = "integrationRoute", max = 1) Coding route,
            @OperationParam(name = "problemArea", max = 2) List<Coding> problemAreas,
            @OperationParam(name = "disputeStage", max = 1) Coding disputeStage) {
        PlanDefinition definition = library.byId(PlanDefinition.class, id.getIdPart())
                .orElseThrow(() -> OperationFailure.notFound("PlanDefinition/" + id.getIdPart()
                        + " is not one of Rapport's plan definitions."));
        String patient = OperationParams.id(subject, "Patient");
        if (patient == null) {
            throw OperationFailure.invalid("subject (Patient/[id]) is required.");
        }
        String clinician = OperationParams.practitioner(practitioner);
        return engine.applier().apply(definition, new PlanRequest(new Reference("Patient/" + patient),
                clinician == null ? null : new Reference("Practitioner/" + clinician), OperationParams.sessions(sessions),
                OperationParams.date(start), OperationParams.route(route),
                problemAreas == null ? List.of() : problemAreas, disputeStage)).carePlan();
    }

    @Operation(name = "$ipt-advance", type = CarePlan.class)
    public CarePlan advance(@IdParam IdType carePlan,
            @OperationParam(name = "phase", min = 1, max = 1) CodeType phase,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner,
            @OperationParam(name = "reason", max = 1) Coding reason,
            RequestDetails request) {
        if (phase == null || phase.isEmpty()) {
            throw OperationFailure.invalid("phase is required (middle, termination, maintenance, completed, or ended"
                    + " with a reason).");
        }
        String clinician = OperationParams.practitioner(practitioner);
        return engine.advancer().advance(carePlan.getIdPart(), phase.getValue(), OperationParams.expectedVersion(request),
                clinician == null ? null : new Reference("Practitioner/" + clinician), reason);
    }

    /** Applies an adaptation the clinician chose: adds an integrative intervention to the course. */
    @Operation(name = "$ipt-adapt", type = CarePlan.class)
    public CarePlan adapt(@IdParam IdType carePlan,
            @OperationParam(name = "intervention", min = 1, max = 1) Coding intervention,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner,
            RequestDetails request) {
        String clinician = OperationParams.practitioner(practitioner);
        return engine.adaptation().addIntervention(carePlan.getIdPart(), intervention, OperationParams.expectedVersion(request),
                clinician == null ? null : new Reference("Practitioner/" + clinician));
    }
}
