package health.rapport.plugin.inventory;

import static health.rapport.plugin.inventory.ExtractionContext.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;

/**
 * The communication and emotion ratings (the Questionnaire's observationExtract items) into one
 * Observation each. Their free-text notes stay in the QuestionnaireResponse.
 */
final class Ratings {

    private Ratings() {
    }

    static List<Extracted<Observation>> observations(ExtractionContext ctx, List<QuestionnaireResponseItemComponent> topLevel) {
        List<Extracted<Observation>> out = new ArrayList<>();
        for (Map.Entry<String, String> rating : InventoryItems.RATINGS.entrySet()) {
            String groupLinkId = InventoryItems.groupOf(rating.getKey());
            List<QuestionnaireResponseItemComponent> groups = ResponseItems.children(topLevel, groupLinkId);
            if (groups.isEmpty()) {
                continue;
            }
            ResponseItems.coding(groups.get(0), rating.getKey()).ifPresent(value -> {
                Observation o = new Observation();
                o.setStatus(ctx.observationStatus());
                o.addCategory(ctx.surveyCategory());
                o.setCode(new CodeableConcept(new Coding(InventoryItems.CODE_SYSTEM, rating.getValue(), null)));
                o.setSubject(ctx.subject());
                o.setEffective(ctx.authored());
                ctx.author().ifPresent(o::addPerformer);
                o.setValue(new CodeableConcept(value));
                o.addDerivedFrom(ctx.sourceReference());
                String path = step(groupLinkId, 0) + "/" + step(rating.getKey(), 0);
                out.add(ctx.extracted(path, o));
            });
        }
        return out;
    }
}
