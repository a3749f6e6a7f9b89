package health.rapport.plugin.inventory;

import health.rapport.plugin.fhir.Canonicals;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The linkIds of the Interpersonal Inventory the extractor reads, in one place. The shipped
 * Questionnaire's SDC metadata (item.definition, itemExtractionContext, observationExtract) says the
 * same thing; {@code InventoryItemsTest} fails when the two drift apart, so the mapping stays
 * definition-driven in effect without resolving element paths at run time.
 */
public final class InventoryItems {

    public static final String RELATIONSHIPS = "relationships";
    /** Repeating group; extraction context RelatedPerson. */
    public static final String RELATIONSHIP = "relationship";
    /** RelatedPerson.name.text: a label or initials only. */
    public static final String PERSON = "relationship.person";
    /** RelatedPerson.relationship. */
    public static final String TYPE = "relationship.type";
    /** Group; extraction context the relationship Observation. */
    public static final String QUALITY = "relationship.quality";
    public static final String CLOSENESS = "relationship.closeness";
    public static final String CONTACT = "relationship.contact";
    public static final String RECIPROCITY = "relationship.reciprocity";
    public static final String RECENT_CHANGE = "relationship.recent-change";
    public static final String CAN_CONFIDE = "relationship.can-confide";

    public static final String COMMUNICATION = "communication";
    public static final String EMOTION = "emotion";

    public static final String FORMULATION = "formulation";
    /** Group; extraction context the problem-area Condition. */
    public static final String PRIMARY = "formulation.primary";
    public static final String SECONDARY = "formulation.secondary";
    /** Within {@link #PRIMARY} / {@link #SECONDARY}: linkId prefix + these suffixes. */
    public static final String PROBLEM_AREA_SUFFIX = ".problem-area";
    public static final String DISPUTE_STAGE_SUFFIX = ".dispute-stage";
    /** Repeating group; extraction context Goal. */
    public static final String FOCUS = "formulation.focus";
    public static final String FOCUS_DESCRIPTION = "formulation.focus.description";
    public static final String SESSIONS = "formulation.sessions";

    /** Relationship Observation components: answer linkId to the component code (rapport-observation). */
    public static final Map<String, String> RELATIONSHIP_COMPONENTS = ordered(
            CLOSENESS, "relationship-closeness",
            CONTACT, "contact-frequency",
            RECIPROCITY, "relationship-reciprocity",
            CAN_CONFIDE, "relationship-can-confide",
            RECENT_CHANGE, "relationship-recent-change");

    /**
     * The rated items marked observationExtract: linkId to the Observation code (rapport-observation,
     * value set inventory-rating-observation-code); the linkId's group is its parent.
     */
    public static final Map<String, String> RATINGS = ordered(
            "communication.assertiveness", "communication-assertiveness",
            "communication.expressiveness", "communication-expressiveness",
            "communication.responsiveness", "communication-responsiveness",
            "emotion.recognising", "emotion-recognition",
            "emotion.expressing", "emotion-expression",
            "emotion.managing", "emotion-regulation");

    /** The code system of the component and rating codes above. */
    public static final String CODE_SYSTEM = Canonicals.CS_OBSERVATION;

    private InventoryItems() {
    }

    /** The group a rating item sits in: the part of its linkId before the first dot. */
    static String groupOf(String ratingLinkId) {
        return ratingLinkId.substring(0, ratingLinkId.indexOf('.'));
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
