package health.rapport.plugin.exchange.imports;

import health.rapport.plugin.fhir.Canonicals;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;

/**
 * The profile claims and the required elements of Rapport's profiles (ipt-careplan-shareable,
 * ipt-goal, ipt-problem-area-condition, ipt-score-observation), checked by hand: the elements
 * and invariants the profiles make mandatory, not the whole of FHIR validation. The content
 * modules' tests validate what Rapport itself exports with HAPI's full validator.
 */
final class ProfileCheck implements DocumentCheck {

    private static final Map<String, String> PROFILES = Map.of(
            "CarePlan", Canonicals.PROFILE_CAREPLAN_SHAREABLE,
            "Goal", Canonicals.PROFILE_GOAL,
            "Condition", Canonicals.PROFILE_PROBLEM_AREA_CONDITION,
            "Observation", Canonicals.PROFILE_SCORE_OBSERVATION);
    private static final Set<String> PROBLEM_AREAS = Set.of("grief", "role-dispute", "role-transition", "interpersonal-deficits");
    private static final Map<String, Integer> SCORE_MAXIMA = Map.of("44261-6", 27, "44260-8", 3, "70274-6", 21);

    @Override
    public void check(Bundle document, DocumentIndex index, List<Problem> problems) {
        for (int i = 0; i < document.getEntry().size(); i++) {
            Resource resource = document.getEntry().get(i).getResource();
            if (resource == null) {
                continue;
            }
            Checker at = new Checker(DocumentCheck.at(i), resource.fhirType(), problems);
            String profile = PROFILES.get(resource.fhirType());
            if (profile != null) {
                at.require(resource.getMeta().hasProfile(profile), "meta.profile", "must claim " + profile);
            }
            if (resource instanceof CarePlan plan) {
                carePlan(plan, at);
            } else if (resource instanceof Goal goal) {
                goal(goal, at);
            } else if (resource instanceof Condition condition) {
                condition(condition, at);
            } else if (resource instanceof Observation observation) {
                observation(observation, at);
            } else if (resource instanceof QuestionnaireResponse response) {
                response(response, at);
            } else if (resource instanceof Patient patient) {
                at.require(patient.getIdentifier().stream().anyMatch(id -> id.hasSystem() && id.hasValue()), "identifier",
                        "needs at least one identifier with system and value: patients are matched by identifier");
            }
        }
    }

    private static void carePlan(CarePlan plan, Checker at) {
        at.require(plan.getStatus() != null, "status", "is required");
        at.require(plan.getIntent() != null, "intent", "is required");
        at.require(plan.getSubject().hasReference(), "subject", "must reference the Patient");
        at.require(!plan.getCategory().isEmpty(), "category", "needs at least one category");
        at.require(plan.getExtensionsByUrl(Canonicals.EXT_PHASE).size() == 1, "extension(ipt-phase)",
                "needs exactly one IPT phase");
        at.require(plan.getExtensionsByUrl(Canonicals.EXT_INTEGRATION_ROUTE).size() == 1, "extension(integration-route)",
                "needs exactly one integration route");
        List<Extension> areas = plan.getExtensionsByUrl(Canonicals.EXT_PROBLEM_AREA);
        at.require(areas.size() <= 2, "extension(problem-area)", "holds at most two problem areas");
        List<String> codes = areas.stream().filter(e -> e.getValue() instanceof CodeableConcept)
                .map(e -> ((CodeableConcept) e.getValue()).getCodingFirstRep().getCode()).toList();
        at.require(codes.size() == Set.copyOf(codes).size(), "extension(problem-area)", "problem areas must be distinct");
        at.require(!plan.hasExtension(Canonicals.EXT_DISPUTE_STAGE) || codes.contains("role-dispute"),
                "extension(dispute-stage)", "a dispute stage needs the role-dispute problem area");
    }

    private static void goal(Goal goal, Checker at) {
        at.require(goal.getLifecycleStatus() != null, "lifecycleStatus", "is required");
        at.require(goal.getDescription().hasText() || goal.getDescription().hasCoding(), "description", "is required");
        at.require(goal.getSubject().hasReference(), "subject", "must reference the Patient");
        at.require(!goal.getAddresses().isEmpty(), "addresses", "must name the problem-area Condition it serves");
    }

    private static void condition(Condition condition, Checker at) {
        at.require(condition.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> "health-concern".equals(c.getCode())), "category", "must include health-concern");
        at.require(condition.getCode().getCoding().stream().anyMatch(c -> Canonicals.CS_PROBLEM_AREA.equals(c.getSystem())
                && PROBLEM_AREAS.contains(c.getCode())), "code", "must be an IPT problem area of " + Canonicals.CS_PROBLEM_AREA);
        at.require(condition.getSubject().hasReference(), "subject", "must reference the Patient");
        boolean dispute = condition.getCode().getCoding().stream().anyMatch(c -> "role-dispute".equals(c.getCode()));
        at.require(!condition.hasExtension(Canonicals.EXT_DISPUTE_STAGE) || dispute, "extension(dispute-stage)",
                "a dispute stage belongs to the role-dispute problem area only");
    }

    private static void observation(Observation observation, Checker at) {
        at.require(observation.getStatus() != null, "status", "is required");
        at.require(observation.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> Canonicals.OBSERVATION_CATEGORY.equals(c.getSystem()) && "survey".equals(c.getCode())),
                "category", "must include survey");
        Coding code = observation.getCode().getCoding().stream()
                .filter(c -> Canonicals.LOINC.equals(c.getSystem()) && SCORE_MAXIMA.containsKey(c.getCode()))
                .findFirst().orElse(null);
        at.require(code != null, "code", "must be a PHQ-9 or GAD-7 score code (LOINC 44261-6, 44260-8 or 70274-6)");
        at.require(observation.getSubject().hasReference(), "subject", "must reference the Patient");
        at.require(observation.hasEffectiveDateTimeType(), "effectiveDateTime", "is required");
        boolean integer = observation.getValue() instanceof IntegerType i && i.getValue() != null;
        at.require(integer, "valueInteger", "is required");
        if (integer && code != null) {
            int value = ((IntegerType) observation.getValue()).getValue();
            at.require(value >= 0 && value <= SCORE_MAXIMA.get(code.getCode()), "valueInteger",
                    "must be 0–" + SCORE_MAXIMA.get(code.getCode()) + " for " + code.getCode());
        }
    }

    private static void response(QuestionnaireResponse response, Checker at) {
        at.require(Canonicals.QUESTIONNAIRE_RELAPSE_PLAN.equals(Canonicals.url(response.getQuestionnaire())),
                "questionnaire", "only the relapse-prevention plan (" + Canonicals.QUESTIONNAIRE_RELAPSE_PLAN
                        + ") travels as a response");
        at.require(response.getStatus() != null, "status", "is required");
        at.require(response.getSubject().hasReference(), "subject", "must reference the Patient");
    }

    /** Adds a problem for every requirement that does not hold. */
    private record Checker(String location, String type, List<Problem> problems) {
        void require(boolean holds, String element, String requirement) {
            if (!holds) {
                problems.add(Problem.invalid(location + "." + element, type + "." + element + " " + requirement + "."));
            }
        }
    }
}
