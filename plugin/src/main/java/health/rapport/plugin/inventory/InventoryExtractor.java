package health.rapport.plugin.inventory;

import static health.rapport.plugin.inventory.ExtractionContext.step;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.measures.SourceResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.RelatedPerson;

/**
 * SDC-style extraction of a stored Interpersonal Inventory response (docs/clinical-basis.md §1):
 * relationships into RelatedPerson + relationship Observation, ratings into Observations, the
 * formulation's problem areas into Conditions (with the dispute stage) and the agreed focus into
 * Goals. Pure: nothing is read from or written to a server; the caller persists
 * {@link InventoryExtraction#all()} in one transaction with conditional creates on the identifiers.
 *
 * <p>Sensitive free text (satisfactions, conflicts, what cannot be discussed, notes, events,
 * rationale) is never copied out of the response; only the person labels and the agreed focus
 * (the Goal's description) are, in resources labelled as clinical psychotherapy content.
 */
public final class InventoryExtractor {

    /**
     * @param response a stored version (id and meta.versionId) of a response to Rapport's
     *     Interpersonal Inventory, any version of it
     * @throws InvalidInventoryException if it is not such a response or lacks what the resources need
     */
    public InventoryExtraction extract(QuestionnaireResponse response) {
        check(response);
        ExtractionContext ctx = new ExtractionContext(response, SourceResponse.of(response));
        List<QuestionnaireResponseItemComponent> top = response.getItem();

        List<Extracted<RelatedPerson>> people = new ArrayList<>();
        List<Extracted<Observation>> relationshipObservations = new ArrayList<>();
        List<QuestionnaireResponseItemComponent> relationshipsGroups = ResponseItems.children(top, InventoryItems.RELATIONSHIPS);
        if (!relationshipsGroups.isEmpty()) {
            List<QuestionnaireResponseItemComponent> reps =
                    ResponseItems.children(relationshipsGroups.get(0).getItem(), InventoryItems.RELATIONSHIP);
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < reps.size(); i++) {
                String label = ResponseItems.string(reps.get(i), InventoryItems.PERSON).orElseThrow();
                String path = step(InventoryItems.RELATIONSHIPS, 0) + "/" + personKey(label, keys);
                Extracted<RelatedPerson> person = Relationships.relatedPerson(ctx, path, reps.get(i), label);
                people.add(person);
                Relationships.observation(ctx, path, reps.get(i), person).ifPresent(relationshipObservations::add);
            }
        }

        List<Extracted<Observation>> ratings = Ratings.observations(ctx, top);

        Optional<ProblemAreas.Chosen> primary = Optional.empty();
        Optional<ProblemAreas.Chosen> secondary = Optional.empty();
        List<Extracted<Goal>> goals = new ArrayList<>();
        OptionalInt sessions = OptionalInt.empty();
        List<QuestionnaireResponseItemComponent> formulations = ResponseItems.children(top, InventoryItems.FORMULATION);
        if (!formulations.isEmpty()) {
            QuestionnaireResponseItemComponent formulation = formulations.get(0);
            String base = step(InventoryItems.FORMULATION, 0) + "/";
            primary = ResponseItems.child(formulation, InventoryItems.PRIMARY)
                    .flatMap(g -> ProblemAreas.condition(ctx, base + step(InventoryItems.PRIMARY, 0), g));
            secondary = ResponseItems.child(formulation, InventoryItems.SECONDARY)
                    .flatMap(g -> ProblemAreas.condition(ctx, base + step(InventoryItems.SECONDARY, 0), g));
            List<ProblemArea> areas = new ArrayList<>();
            primary.ifPresent(p -> areas.add(p.area()));
            secondary.ifPresent(s -> areas.add(s.area()));
            List<QuestionnaireResponseItemComponent> foci = ResponseItems.children(formulation.getItem(), InventoryItems.FOCUS);
            for (int j = 0; j < foci.size(); j++) {
                int index = j;
                ResponseItems.string(foci.get(j), InventoryItems.FOCUS_DESCRIPTION).ifPresent(text ->
                        goals.add(FocusGoals.goal(ctx, base + step(InventoryItems.FOCUS, index), text, areas)));
            }
            sessions = ResponseItems.integer(formulation, InventoryItems.SESSIONS);
        }

        List<Extracted<Condition>> conditions = new ArrayList<>();
        primary.ifPresent(p -> conditions.add(p.condition()));
        secondary.ifPresent(s -> conditions.add(s.condition()));
        return new InventoryExtraction(people, relationshipObservations, ratings, conditions, goals,
                primary.map(ProblemAreas.Chosen::area), secondary.map(ProblemAreas.Chosen::area), sessions);
    }

    // Everything that would otherwise give a resource that fails its profile, reported at once.
    private static void check(QuestionnaireResponse response) {
        String questionnaire = response.getQuestionnaire();
        String url = questionnaire == null ? null : questionnaire.split("\\|", 2)[0];
        if (!Canonicals.QUESTIONNAIRE_INVENTORY.equals(url)) {
            throw new InvalidInventoryException("questionnaire '" + questionnaire
                    + "' is not Rapport's Interpersonal Inventory (" + Canonicals.QUESTIONNAIRE_INVENTORY + ")");
        }
        List<String> problems = new ArrayList<>();
        if (response.getStatus() == QuestionnaireResponseStatus.ENTEREDINERROR) {
            problems.add("the response is marked entered-in-error");
        }
        if (!"Patient".equals(response.getSubject().getReferenceElement().getResourceType())) {
            problems.add("the response's subject must reference a Patient");
        }
        if (!response.hasAuthored()) {
            problems.add("the response has no authored time, which the extracted resources take as their time");
        }
        if (response.getIdElement().getIdPart() == null
                || (response.getMeta().getVersionId() == null && response.getIdElement().getVersionIdPart() == null)) {
            problems.add("the response must be a stored version (id and meta.versionId) so that extraction is idempotent");
        }
        checkItems(response.getItem(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInventoryException(problems);
        }
    }

    private static void checkItems(List<QuestionnaireResponseItemComponent> top, List<String> problems) {
        for (QuestionnaireResponseItemComponent group : ResponseItems.children(top, InventoryItems.RELATIONSHIPS)) {
            List<QuestionnaireResponseItemComponent> reps = ResponseItems.children(group.getItem(), InventoryItems.RELATIONSHIP);
            for (int i = 0; i < reps.size(); i++) {
                if (ResponseItems.string(reps.get(i), InventoryItems.PERSON).isEmpty()) {
                    problems.add("relationship " + (i + 1) + " has no person label (" + InventoryItems.PERSON + ")");
                }
            }
        }
        for (QuestionnaireResponseItemComponent formulation : ResponseItems.children(top, InventoryItems.FORMULATION)) {
            boolean hasArea = ResponseItems.child(formulation, InventoryItems.PRIMARY)
                    .flatMap(g -> ResponseItems.coding(g, InventoryItems.PRIMARY + InventoryItems.PROBLEM_AREA_SUFFIX))
                    .isPresent();
            boolean hasSecondary = ResponseItems.child(formulation, InventoryItems.SECONDARY)
                    .flatMap(g -> ResponseItems.coding(g, InventoryItems.SECONDARY + InventoryItems.PROBLEM_AREA_SUFFIX))
                    .isPresent();
            boolean hasFocus = ResponseItems.children(formulation.getItem(), InventoryItems.FOCUS).stream()
                    .anyMatch(f -> ResponseItems.string(f, InventoryItems.FOCUS_DESCRIPTION).isPresent());
            for (String area : List.of(InventoryItems.PRIMARY, InventoryItems.SECONDARY)) {
                ResponseItems.child(formulation, area)
                        .flatMap(g -> ResponseItems.coding(g, area + InventoryItems.PROBLEM_AREA_SUFFIX))
                        .filter(c -> !Canonicals.CS_PROBLEM_AREA.equals(c.getSystem()))
                        .ifPresent(c -> problems.add(area + InventoryItems.PROBLEM_AREA_SUFFIX + " is not from "
                                + Canonicals.CS_PROBLEM_AREA + ": " + c.getSystem() + "|" + c.getCode()));
            }
            if (!hasArea && hasSecondary) {
                problems.add("a secondary problem area needs a primary one (" + InventoryItems.PRIMARY + ")");
            }
            if (!hasArea && hasFocus) {
                problems.add("an agreed focus needs a problem area for its Goal to address (" + InventoryItems.PRIMARY + ")");
            }
        }
    }

    /**
     * A relationship is known by the person it is with, not by its place in the form: an amended Inventory that
     * drops or reorders a relationship must not move one person's results onto another. The key keeps letters and
     * digits of the name (case-insensitive); a second relationship under the same name gets a counter.
     */
    static String personKey(String label, List<String> taken) {
        String name = label.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("^-|-$", "");
        String key = InventoryItems.PERSON + "=" + (name.isEmpty() ? "unnamed" : name);
        String unique = key;
        for (int n = 2; taken.contains(unique); n++) {
            unique = key + "-" + n;
        }
        taken.add(unique);
        return unique;
    }
}
