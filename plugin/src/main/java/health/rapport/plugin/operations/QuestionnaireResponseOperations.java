package health.rapport.plugin.operations;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import health.rapport.plugin.careplan.CarePlanEngine;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.careplan.ProcessingResult;
import health.rapport.plugin.careplan.ResponseExtraction;
import health.rapport.plugin.careplan.ResponsePopulator;
import health.rapport.plugin.measures.AdaptationSuggestion;
import health.rapport.plugin.measures.MeasureScore;
import health.rapport.plugin.measures.SkippedRecord;
import health.rapport.plugin.measures.TreatmentResponse;
import health.rapport.plugin.safety.Item9State;
import health.rapport.plugin.safety.Item9Words;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** SDC {@code $extract} and Rapport's {@code $ipt-process} of a stored response. */
@Component(service = RapportOperations.class)
public final class QuestionnaireResponseOperations implements RapportOperations {

    private final CarePlanEngine engine;
    private final ResponseExtraction extraction = new ResponseExtraction();

    @Activate
    public QuestionnaireResponseOperations(@org.osgi.service.component.annotations.Reference CarePlanEngine engine) {
        this.engine = engine;
    }

    /**
     * Processes a stored response: extract, persist in one transaction, update the plan.
     * Processing the same version again changes nothing ({@code outcome = already-processed}).
     */
    @Operation(name = "$ipt-process", type = QuestionnaireResponse.class)
    public Parameters process(@IdParam IdType response,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner) {
        String clinician = OperationParams.practitioner(practitioner);
        ProcessingResult result = engine.responses().process(response.getIdPart(),
                clinician == null ? null : new Reference("Practitioner/" + clinician));
        Parameters out = new Parameters();
        out.addParameter("outcome", new CodeType(result.alreadyProcessed() ? "already-processed" : "processed"));
        result.carePlan().ifPresent(plan -> out.addParameter().setName("carePlan").setResource(plan));
        result.score().ifPresent(score -> addScore(out, score));
        result.treatmentResponse().ifPresent(treatment -> addTreatment(out, treatment));
        result.safety().ifPresent(state -> addSafety(out, state));
        result.session().ifPresent(session -> {
            out.addParameter().setName("session").setResource(session.session());
            session.delivered().forEach(p -> out.addParameter().setName("delivered").setResource(p));
        });
        result.notes().forEach(note -> out.addParameter("note", new StringType(note)));
        for (SkippedRecord skipped : result.ignored()) {
            Parameters.ParametersParameterComponent part = out.addParameter().setName("ignored");
            part.addPart().setName("source").setValue(new StringType(skipped.source()));
            part.addPart().setName("reason").setValue(new StringType(skipped.reason()));
        }
        return out;
    }

    /** The patient's item-9 state, in the words of the CDS card and the panel. */
    private static void addSafety(Parameters out, Item9State state) {
        Parameters.ParametersParameterComponent part = out.addParameter().setName("safety");
        part.addPart().setName("status").setValue(new CodeType(state.status().code()));
        part.addPart().setName("critical").setValue(new BooleanType(state.status().critical()));
        part.addPart().setName("summary").setValue(new StringType(Item9Words.headline(state)));
        Item9Words.details(state).forEach(d -> part.addPart().setName("detail").setValue(new StringType(d)));
    }

    /**
     * SDC $populate: a response started from the chart for the subject, on one of Rapport's Questionnaires named by
     * its id (on the EHR's FHIR server or in Rapport's package), or at type level by {@code questionnaire}.
     */
    @Operation(name = "$populate", type = org.hl7.fhir.r4.model.Questionnaire.class, idempotent = true,
            returnParameters = {
                @OperationParam(name = "response", type = QuestionnaireResponse.class, min = 1, max = 1),
                @OperationParam(name = "issues", type = OperationOutcome.class, min = 0, max = 1)})
    public Parameters populate(@IdParam(optional = true) IdType questionnaire,
            @OperationParam(name = "questionnaire", max = 1)
            ParametersParameterComponent questionnaireParam,
            @OperationParam(name = "subject", max = 1) ParametersParameterComponent subject,
            @OperationParam(name = "context", max = OperationParam.MAX_UNLIMITED)
            List<ParametersParameterComponent> context,
            @OperationParam(name = "local", max = 1) BooleanType local) {
        ResponsePopulator.Population population = engine.populator().populate(
                PopulateParameters.read(questionnaire, questionnaireParam, subject, context, local));
        Parameters out = new Parameters();
        out.addParameter().setName("response").setResource(population.response());
        population.issues().ifPresent(issues -> out.addParameter().setName("issues").setResource(issues));
        return out;
    }

    /**
     * SDC $extract: the resources a response yields, as a transaction Bundle (SDC's {@code return}); nothing is
     * written. A response whose Questionnaire maps nothing (the relapse-prevention plan) gets SDC's success answer:
     * Parameters with an informational {@code issues}.
     */
    @Operation(name = "$extract", type = QuestionnaireResponse.class, idempotent = false,
            returnParameters = {
                @OperationParam(name = "return", type = Bundle.class, min = 0, max = 1),
                @OperationParam(name = "issues", type = OperationOutcome.class, min = 0, max = 1)})
    public Resource extract(@OperationParam(name = "questionnaire-response", min = 1, max = 1)
            QuestionnaireResponse response) {
        if (response == null) {
            throw OperationFailure.invalid("questionnaire-response is required.");
        }
        QuestionnaireResponse copy = response.copy();
        // Derived identifiers name the response version they come from; an unsaved response
        // gets a one-off name, so its extraction is never mistaken for a stored one's.
        if (!copy.getIdElement().hasIdPart()) {
            copy.setId("unsaved-" + UUID.randomUUID());
        }
        if (copy.getMeta().getVersionId() == null) {
            copy.getMeta().setVersionId("0");
        }
        ResponseExtraction.Extraction extracted = extraction.extract(copy);
        if (!ResponseExtraction.isEmpty(extracted)) {
            return ResponseExtraction.asTransaction(extracted);
        }
        Parameters out = new Parameters();
        OperationOutcome issues = new OperationOutcome();
        issues.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics("Nothing to extract: the Questionnaire " + copy.getQuestionnaire()
                        + " maps none of its answers to other resources; the response itself is the record.");
        out.addParameter().setName("issues").setResource(issues);
        return out;
    }

    private static void addScore(Parameters out, MeasureScore score) {
        Parameters.ParametersParameterComponent part = out.addParameter().setName("score");
        part.addPart().setName("instrument").setValue(new CodeType(score.instrument().name()));
        score.total().ifPresent(total -> part.addPart().setName("total").setValue(new IntegerType(total)));
        score.severity().ifPresent(severity -> part.addPart().setName("severity").setValue(severity.toCodeableConcept()));
        part.addPart().setName("safetySignal").setValue(new BooleanType(score.safetySignal()));
        score.item9().ifPresent(item9 -> part.addPart().setName("item9").setValue(new IntegerType(item9)));
    }

    private static void addTreatment(Parameters out, TreatmentResponse treatment) {
        Parameters.ParametersParameterComponent part = out.addParameter().setName("treatmentResponse");
        part.addPart().setName("status").setValue(new CodeType(treatment.status().name().toLowerCase().replace('_', '-')));
        part.addPart().setName("statusCoding").setValue(treatment.status().coding());
        treatment.reliableChange().ifPresent(c -> part.addPart().setName("reliableChange").setValue(c.coding()));
        treatment.percentReduction().ifPresent(p -> part.addPart().setName("percentReduction").setValue(new IntegerType(p)));
        treatment.reasons().forEach(r -> part.addPart().setName("reason").setValue(new StringType(r)));
        for (AdaptationSuggestion suggestion : treatment.suggestions()) {
            Parameters.ParametersParameterComponent s = part.addPart().setName("suggestion");
            s.addPart().setName("kind").setValue(new CodeType(suggestion.kind().name().toLowerCase().replace('_', '-')));
            s.addPart().setName("text").setValue(new StringType(suggestion.text()));
            suggestion.options().forEach(o -> s.addPart().setName("option").setValue(o));
        }
    }
}
