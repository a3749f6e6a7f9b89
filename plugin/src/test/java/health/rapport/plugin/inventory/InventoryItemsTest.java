package health.rapport.plugin.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.fhir.testing.RapportContent;
import health.rapport.plugin.fhir.Canonicals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

/**
 * The linkIds the extractor reads still exist in the shipped Interpersonal Inventory, and its SDC
 * extraction metadata still says what the extractor does with them.
 */
class InventoryItemsTest {

    private static final Questionnaire INVENTORY = RapportContent.load(RapportContent.CONTENT,
            "Questionnaire-interpersonal-inventory.json", Questionnaire.class);
    private static final Map<String, QuestionnaireItemComponent> ITEMS = flatten(INVENTORY.getItem()).stream()
            .collect(Collectors.toMap(QuestionnaireItemComponent::getLinkId, Function.identity()));

    private static final String RELATED_PERSON = "http://hl7.org/fhir/StructureDefinition/RelatedPerson#RelatedPerson";
    private static final String RELATIONSHIP_OBS = Canonicals.PROFILE_RELATIONSHIP_OBSERVATION + "#Observation";
    private static final String CONDITION = Canonicals.PROFILE_PROBLEM_AREA_CONDITION + "#Condition";
    private static final String GOAL = Canonicals.PROFILE_GOAL + "#Goal";

    @Test
    void theQuestionnaireIsTheOneTheExtractorRecognises() {
        assertThat(INVENTORY.getUrl()).isEqualTo(Canonicals.QUESTIONNAIRE_INVENTORY);
    }

    @Test
    void extractionContextsAndDefinitionsMatchTheMapping() {
        assertGroup(InventoryItems.RELATIONSHIPS, false);
        assertContext(InventoryItems.RELATIONSHIP, RELATED_PERSON, "RelatedPerson", true);
        assertDefinition(InventoryItems.PERSON, RELATED_PERSON + ".name.text");
        assertDefinition(InventoryItems.TYPE, RELATED_PERSON + ".relationship");
        assertContext(InventoryItems.QUALITY, RELATIONSHIP_OBS, "Observation", false);
        assertContext(InventoryItems.PRIMARY, CONDITION, "Condition", false);
        assertContext(InventoryItems.SECONDARY, CONDITION, "Condition", false);
        for (String area : List.of(InventoryItems.PRIMARY, InventoryItems.SECONDARY)) {
            assertDefinition(area + InventoryItems.PROBLEM_AREA_SUFFIX, CONDITION + ".code");
            assertDefinition(area + InventoryItems.DISPUTE_STAGE_SUFFIX, CONDITION + ".extension:disputeStage.value[x]");
        }
        assertContext(InventoryItems.FOCUS, GOAL, "Goal", true);
        assertDefinition(InventoryItems.FOCUS_DESCRIPTION, GOAL + ".description.text");
        assertThat(ITEMS.get(InventoryItems.SESSIONS).getType()).isEqualTo(QuestionnaireItemType.INTEGER);
        assertGroup(InventoryItems.FORMULATION, false);
    }

    @Test
    void itemsSitWhereTheExtractorLooksForThem() {
        assertThat(INVENTORY.getItem()).extracting(QuestionnaireItemComponent::getLinkId)
                .contains(InventoryItems.RELATIONSHIPS, InventoryItems.COMMUNICATION, InventoryItems.EMOTION, InventoryItems.FORMULATION);
        assertChildOf(InventoryItems.RELATIONSHIPS, InventoryItems.RELATIONSHIP);
        assertChildOf(InventoryItems.RELATIONSHIP, InventoryItems.PERSON, InventoryItems.TYPE, InventoryItems.QUALITY);
        assertChildOf(InventoryItems.QUALITY, InventoryItems.RELATIONSHIP_COMPONENTS.keySet().toArray(String[]::new));
        assertChildOf(InventoryItems.FORMULATION, InventoryItems.PRIMARY, InventoryItems.SECONDARY, InventoryItems.FOCUS,
                InventoryItems.SESSIONS);
        for (String area : List.of(InventoryItems.PRIMARY, InventoryItems.SECONDARY)) {
            assertChildOf(area, area + InventoryItems.PROBLEM_AREA_SUFFIX, area + InventoryItems.DISPUTE_STAGE_SUFFIX);
        }
        assertChildOf(InventoryItems.FOCUS, InventoryItems.FOCUS_DESCRIPTION);
        for (String rating : InventoryItems.RATINGS.keySet()) {
            assertChildOf(InventoryItems.groupOf(rating), rating);
        }
    }

    private static void assertChildOf(String parent, String... children) {
        assertThat(ITEMS.get(parent).getItem()).extracting(QuestionnaireItemComponent::getLinkId).as(parent).contains(children);
    }

    @Test
    void relationshipComponentsMatchTheProfileSlices() {
        StructureDefinition profile = RapportContent.load(RapportContent.CONTENT,
                "StructureDefinition-ipt-inventory-relationship-observation.json", StructureDefinition.class);
        Map<String, ElementDefinition> elements = profile.getDifferential().getElement().stream()
                .collect(Collectors.toMap(ElementDefinition::getId, Function.identity()));
        for (Map.Entry<String, String> c : InventoryItems.RELATIONSHIP_COMPONENTS.entrySet()) {
            QuestionnaireItemComponent item = ITEMS.get(c.getKey());
            assertThat(item).as(c.getKey()).isNotNull();
            assertThat(item.getDefinition()).startsWith(RELATIONSHIP_OBS + ".component:").endsWith(".value[x]");
            String slice = item.getDefinition().substring((RELATIONSHIP_OBS + ".").length(), item.getDefinition().length() - ".value[x]".length());
            CodeableConcept pattern = (CodeableConcept) elements.get("Observation." + slice + ".code").getPattern();
            assertThat(pattern.getCodingFirstRep().getSystem()).isEqualTo(InventoryItems.CODE_SYSTEM);
            assertThat(pattern.getCodingFirstRep().getCode()).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(item.getType()).isEqualTo(InventoryItems.CAN_CONFIDE.equals(c.getKey())
                    ? QuestionnaireItemType.BOOLEAN : QuestionnaireItemType.CHOICE);
        }
    }

    @Test
    void ratingsAreExactlyTheObservationExtractItems() {
        List<String> marked = ITEMS.values().stream()
                .filter(i -> i.getExtensionByUrl(Canonicals.EXT_SDC_OBSERVATION_EXTRACT) != null)
                .filter(i -> ((BooleanType) i.getExtensionByUrl(Canonicals.EXT_SDC_OBSERVATION_EXTRACT).getValue()).booleanValue())
                .map(QuestionnaireItemComponent::getLinkId).sorted().toList();
        assertThat(marked).containsExactlyInAnyOrderElementsOf(InventoryItems.RATINGS.keySet());
        for (Map.Entry<String, String> r : InventoryItems.RATINGS.entrySet()) {
            QuestionnaireItemComponent item = ITEMS.get(r.getKey());
            assertThat(item.getCodeFirstRep().getSystem()).isEqualTo(InventoryItems.CODE_SYSTEM);
            assertThat(item.getCodeFirstRep().getCode()).isEqualTo(r.getValue());
            assertThat(topLevelGroupOf(r.getKey())).isEqualTo(InventoryItems.groupOf(r.getKey()));
        }
    }

    @Test
    void everyDefinitionBasedItemIsMapped() {
        List<String> mapped = new ArrayList<>(List.of(InventoryItems.RELATIONSHIP, InventoryItems.PERSON, InventoryItems.TYPE,
                InventoryItems.QUALITY, InventoryItems.PRIMARY, InventoryItems.SECONDARY, InventoryItems.FOCUS,
                InventoryItems.FOCUS_DESCRIPTION));
        mapped.addAll(InventoryItems.RELATIONSHIP_COMPONENTS.keySet());
        for (String area : List.of(InventoryItems.PRIMARY, InventoryItems.SECONDARY)) {
            mapped.add(area + InventoryItems.PROBLEM_AREA_SUFFIX);
            mapped.add(area + InventoryItems.DISPUTE_STAGE_SUFFIX);
        }
        List<String> withDefinition = ITEMS.values().stream().filter(QuestionnaireItemComponent::hasDefinition)
                .map(QuestionnaireItemComponent::getLinkId).toList();
        assertThat(mapped).containsExactlyInAnyOrderElementsOf(withDefinition);
    }

    private static void assertGroup(String linkId, boolean repeats) {
        QuestionnaireItemComponent item = ITEMS.get(linkId);
        assertThat(item).as(linkId).isNotNull();
        assertThat(item.getType()).isEqualTo(QuestionnaireItemType.GROUP);
        assertThat(item.getRepeats()).as("%s repeats", linkId).isEqualTo(repeats);
    }

    private static void assertContext(String linkId, String definition, String context, boolean repeats) {
        assertGroup(linkId, repeats);
        QuestionnaireItemComponent item = ITEMS.get(linkId);
        assertThat(item.getDefinition()).isEqualTo(definition);
        assertThat(item.getExtensionByUrl(Canonicals.EXT_SDC_ITEM_EXTRACTION_CONTEXT).getValue().primitiveValue())
                .isEqualTo(context);
        // SDC 4 says the same with definitionExtract: the profile (or type) the group becomes.
        org.hl7.fhir.r4.model.Extension extract = item.getExtensionByUrl(Canonicals.EXT_SDC_DEFINITION_EXTRACT);
        assertThat(extract).as("definitionExtract on %s", linkId).isNotNull();
        assertThat(extract.getExtensionByUrl("definition").getValue().primitiveValue())
                .isEqualTo(definition.substring(0, definition.indexOf('#')));
    }

    private static void assertDefinition(String linkId, String definition) {
        assertThat(ITEMS.get(linkId)).as(linkId).isNotNull();
        assertThat(ITEMS.get(linkId).getDefinition()).as(linkId).isEqualTo(definition);
    }

    private static String topLevelGroupOf(String linkId) {
        return INVENTORY.getItem().stream()
                .filter(g -> flatten(g.getItem()).stream().anyMatch(i -> linkId.equals(i.getLinkId())))
                .map(QuestionnaireItemComponent::getLinkId).findFirst().orElseThrow();
    }

    private static List<QuestionnaireItemComponent> flatten(List<QuestionnaireItemComponent> items) {
        List<QuestionnaireItemComponent> out = new ArrayList<>();
        for (QuestionnaireItemComponent i : items) {
            out.add(i);
            out.addAll(flatten(i.getItem()));
        }
        return out;
    }
}
