package health.rapport.plugin.inventory;

import static health.rapport.plugin.inventory.ExtractionContext.step;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import health.rapport.plugin.fhir.Canonicals;

/**
 * One relationship repetition into a RelatedPerson (label only, never a full name) and, when any
 * quality is rated, an Interpersonal Inventory Relationship Observation about that person. The
 * free-text answers (satisfying, conflicts, what cannot be discussed...) are not copied: they stay
 * in the labelled QuestionnaireResponse, as the profile says.
 */
final class Relationships {

    private Relationships() {
    }

    static Extracted<RelatedPerson> relatedPerson(ExtractionContext ctx, String path, QuestionnaireResponseItemComponent group,
            String label) {
        RelatedPerson person = new RelatedPerson();
        person.setActive(true);
        person.setPatient(ctx.subject());
        ResponseItems.coding(group, InventoryItems.TYPE).ifPresent(type -> person.addRelationship(new CodeableConcept(type)));
        person.addName(new HumanName().setText(label));
        return ctx.extracted(path, person);
    }

    static Optional<Extracted<Observation>> observation(ExtractionContext ctx, String path,
            QuestionnaireResponseItemComponent group, Extracted<RelatedPerson> person) {
        List<QuestionnaireResponseItemComponent> qualities = ResponseItems.children(group.getItem(), InventoryItems.QUALITY);
        if (qualities.isEmpty()) {
            return Optional.empty();
        }
        QuestionnaireResponseItemComponent quality = qualities.get(0);
        Observation o = new Observation();
        for (Map.Entry<String, String> c : InventoryItems.RELATIONSHIP_COMPONENTS.entrySet()) {
            component(quality, c.getKey(), c.getValue()).ifPresent(o::addComponent);
        }
        if (!o.hasComponent()) {
            return Optional.empty();
        }
        o.getMeta().addProfile(Canonicals.PROFILE_RELATIONSHIP_OBSERVATION);
        o.setStatus(ctx.observationStatus());
        o.addCategory(ctx.surveyCategory());
        o.setCode(new CodeableConcept(new Coding(InventoryItems.CODE_SYSTEM, "inventory-relationship",
                "Interpersonal Inventory relationship")));
        o.setSubject(ctx.subject());
        o.addFocus(new Reference(person.fullUrl()));
        o.setEffective(ctx.authored());
        ctx.author().ifPresent(o::addPerformer);
        o.addDerivedFrom(ctx.sourceReference());
        return Optional.of(ctx.extracted(path + "/" + step(InventoryItems.QUALITY, 0), o));
    }

    private static Optional<ObservationComponentComponent> component(QuestionnaireResponseItemComponent quality,
            String linkId, String code) {
        CodeableConcept componentCode = new CodeableConcept(new Coding(InventoryItems.CODE_SYSTEM, code, null));
        if (InventoryItems.CAN_CONFIDE.equals(linkId)) {
            return ResponseItems.bool(quality, linkId)
                    .map(b -> new ObservationComponentComponent(componentCode).setValue(new BooleanType(b)));
        }
        return ResponseItems.coding(quality, linkId)
                .map(c -> new ObservationComponentComponent(componentCode).setValue(new CodeableConcept(c)));
    }
}
