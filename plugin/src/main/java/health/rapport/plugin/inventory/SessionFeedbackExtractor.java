package health.rapport.plugin.inventory;

import static health.rapport.plugin.inventory.ExtractionContext.step;

import health.rapport.plugin.alliance.AllianceScore;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.measures.SourceResponse;
import org.hl7.fhir.r4.model.IntegerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;

/**
 * SDC observation-based extraction of the session feedback form: each rated item the Questionnaire marks
 * {@code observationExtract} becomes one Observation, with the same context, identity and labels as the Inventory's
 * (which is why it lives beside it). The free-text comment stays in the response. {@code SessionFeedbackItemsTest}
 * fails when this mapping and the shipped Questionnaire's metadata drift apart.
 */
public final class SessionFeedbackExtractor {

    public static final String GROUP = "feedback";

    /** The observationExtract items: linkId to the Observation code (rapport-observation). */
    public static final Map<String, String> ITEMS = ordered(
            "feedback.alliance", "session-alliance",
            "feedback.understood", "session-felt-understood",
            "feedback.focus", "session-focus-agreed");

    /** @param response a stored version (id and meta.versionId) of a session feedback response */
    public List<Observation> extract(QuestionnaireResponse response) {
        ExtractionContext ctx = new ExtractionContext(response, SourceResponse.of(response));
        List<Observation> out = new ArrayList<>();
        List<QuestionnaireResponseItemComponent> groups = ResponseItems.children(response.getItem(), GROUP);
        if (groups.isEmpty()) {
            return out;
        }
        List<Coding> ratings = new ArrayList<>();
        for (Map.Entry<String, String> item : ITEMS.entrySet()) {
            ResponseItems.coding(groups.get(0), item.getKey()).ifPresent(value -> {
                ratings.add(value);
                Observation o = new Observation();
                o.setStatus(ctx.observationStatus());
                o.addCategory(ctx.surveyCategory());
                o.setCode(new CodeableConcept(new Coding(InventoryItems.CODE_SYSTEM, item.getValue(), null)));
                o.setSubject(ctx.subject());
                o.setEffective(ctx.authored());
                ctx.author().ifPresent(o::addPerformer);
                o.setValue(new CodeableConcept(value));
                o.addDerivedFrom(ctx.sourceReference());
                out.add(ctx.extracted(step(GROUP, 0) + "/" + step(item.getKey(), 0), o).resource());
            });
        }
        // The derived score (profile ipt-alliance-observation), only when all three ratings were given.
        AllianceScore.of(ratings).ifPresent(score -> {
            Observation o = new Observation();
            o.getMeta().addProfile(Canonicals.BASE + "/StructureDefinition/ipt-alliance-observation");
            o.setStatus(ctx.observationStatus());
            o.addCategory(ctx.surveyCategory());
            o.setCode(new CodeableConcept(new Coding(InventoryItems.CODE_SYSTEM, AllianceScore.CODE, "Session alliance score")));
            o.setSubject(ctx.subject());
            o.setEffective(ctx.authored());
            ctx.author().ifPresent(o::addPerformer);
            o.setValue(new IntegerType(score));
            o.addDerivedFrom(ctx.sourceReference());
            out.add(ctx.extracted(step(GROUP, 0) + "/" + AllianceScore.CODE, o).resource());
        });
        return out;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
