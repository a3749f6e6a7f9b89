package health.rapport.plugin.careplan;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.fhirpath.IFhirPathEvaluationContext;
import health.rapport.plugin.fhir.BundleClassLoader;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionConditionComponent;
import org.hl7.fhir.r4.model.PlanDefinition.ActionConditionKind;

/**
 * Evaluates a PlanDefinition action's applicability conditions (FHIRPath) with the plan's
 * inputs bound as {@code %problemArea} and {@code %disputeStage}. An action without
 * applicability conditions always applies; a condition in another language is refused
 * rather than guessed.
 */
final class ApplicabilityConditions {

    private final IFhirPath fhirPath;

    ApplicabilityConditions(FhirContext context) {
        this.fhirPath = BundleClassLoader.call(context::newFhirPath);
    }

    boolean applies(PlanDefinitionActionComponent action, List<Coding> problemAreas, Coding disputeStage) {
        Map<String, List<IBase>> constants = Map.of(
                "problemArea", List.copyOf(problemAreas),
                "disputeStage", disputeStage == null ? List.of() : List.of(disputeStage));
        for (PlanDefinitionActionConditionComponent condition : action.getCondition()) {
            if (condition.getKind() != ActionConditionKind.APPLICABILITY) {
                continue;
            }
            String language = condition.getExpression().getLanguage();
            if (!"text/fhirpath".equals(language)) {
                throw new IllegalStateException("action " + action.getId() + ": unsupported condition language " + language);
            }
            if (!evaluate(condition.getExpression().getExpression(), constants)) {
                return false;
            }
        }
        return true;
    }

    private boolean evaluate(String expression, Map<String, List<IBase>> constants) {
        List<BooleanType> result;
        synchronized (fhirPath) {
            fhirPath.setEvaluationContext(new IFhirPathEvaluationContext() {
                @Override
                public List<IBase> resolveConstant(Object appContext, String name, ConstantEvaluationMode mode) {
                    return constants.get(name);
                }
            });
            result = BundleClassLoader.call(() -> fhirPath.evaluate(new Parameters(), expression, BooleanType.class));
        }
        return result.size() == 1 && result.get(0).booleanValue();
    }
}
