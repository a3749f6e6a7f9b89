package health.rapport.plugin.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.inventory.Extracted;
import health.rapport.plugin.inventory.InventoryExtraction;
import health.rapport.plugin.inventory.InventoryExtractor;
import health.rapport.plugin.inventory.InventoryItems;
import health.rapport.plugin.measures.Fixtures;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.TransactionBuilder;
import health.rapport.plugin.testsupport.FakeFhir;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An amended Interpersonal Inventory on the example (Daniel, Grace, Priya, Sam): version 2 drops Grace and adds
 * Zoe. What version 1 produced is on the "server" with ids; the transaction must revise it, not add a second set.
 */
class InventoryRevisionTest {

    private final FakeFhir fhir = FakeFhir.empty();
    private final ChartStore store = fhir.store();
    private final InventoryExtractor extractor = new InventoryExtractor();
    private InventoryExtraction first;

    @BeforeEach
    void versionOneIsOnTheChart() {
        first = extractor.extract(Fixtures.example("example-maya-inventory"));
        stored(first);
        // What version 1 derived, as the searches by derived-from find it.
        fhir.answer("Observation?", resources(first.relationshipObservations(), first.ratingObservations()))
                .answer("Condition?", resources(first.conditions()))
                .answer("Goal?", resources(first.goals()))
                .answer("RelatedPerson?", resources(first.relatedPersons()));
    }

    @Test
    void theSameVersionAgainChangesNothing() {
        InventoryExtraction again = extractor.extract(version2(Fixtures.example("example-maya-inventory")));
        TransactionBuilder transaction = new TransactionBuilder();

        List<Reference> written = InventoryRevision.of(store, "maya", "example-maya-inventory", again, Optional.empty()).write(again, transaction);

        assertThat(transaction.isEmpty()).isTrue();
        assertThat(written).extracting(Reference::getReference).allMatch(r -> !r.startsWith("urn:"));
        assertThat(written).hasSize(again.all().size());
    }

    @Test
    void anAmendedVersionRevisesWhatTheFirstProducedInsteadOfAddingToIt() {
        QuestionnaireResponse amended = version2(Fixtures.example("example-maya-inventory"));
        relationships(amended).removeIf(r -> person(r).equals("Grace"));
        QuestionnaireResponseItemComponent zoe = relationships(amended).get(relationships(amended).size() - 1).copy();
        zoe.getItem().stream().filter(i -> i.getLinkId().equals(InventoryItems.PERSON)).findFirst().orElseThrow()
                .getAnswerFirstRep().setValue(new StringType("Zoe"));
        relationships(amended).add(zoe);
        InventoryExtraction next = extractor.extract(amended);
        TransactionBuilder transaction = new TransactionBuilder();
        InventoryRevision revision = InventoryRevision.of(store, "maya", "example-maya-inventory", next, Optional.empty());

        revision.write(next, transaction);
        Bundle sent = transaction.build();

        // Zoe and her relationship are new: conditional creates, the Observation's focus her placeholder.
        List<Bundle.BundleEntryComponent> creates = sent.getEntry().stream()
                .filter(e -> e.getRequest().getMethod() == Bundle.HTTPVerb.POST).toList();
        assertThat(creates).extracting(e -> e.getResource().fhirType()).containsExactly("RelatedPerson", "Observation");
        Observation zoesRelationship = (Observation) creates.get(1).getResource();
        assertThat(zoesRelationship.getFocusFirstRep().getReference()).isEqualTo(creates.get(0).getFullUrl());
        // Grace's relationship Observation is withdrawn; Grace herself is not (the person exists).
        List<Bundle.BundleEntryComponent> updates = sent.getEntry().stream()
                .filter(e -> e.getRequest().getMethod() == Bundle.HTTPVerb.PUT).toList();
        Observation gracesRelationship = first.relationshipObservations().get(1).resource();
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).getRequest().getUrl()).isEqualTo(gracesRelationship.getIdElement().toUnqualifiedVersionless().getValue());
        assertThat(updates.get(0).getRequest().getIfMatch()).isEqualTo("W/\"1\"");
        assertThat(((Observation) updates.get(0).getResource()).getStatus()).isEqualTo(Observation.ObservationStatus.ENTEREDINERROR);
        // The plan names each Condition and Goal once, by the id it already has.
        CarePlan plan = new CarePlan();
        first.conditions().forEach(c -> plan.addAddresses(new Reference(c.resource().getIdElement().toUnqualifiedVersionless().getValue())));
        first.goals().forEach(g -> plan.addGoal(new Reference(g.resource().getIdElement().toUnqualifiedVersionless().getValue())));
        revision.formulate(plan, next);
        assertThat(plan.getAddresses()).extracting(Reference::getReference)
                .containsExactlyElementsOf(first.conditions().stream().map(c -> c.resource().getIdElement().toUnqualifiedVersionless().getValue()).toList());
        assertThat(plan.getGoal()).hasSize(first.goals().size());
    }

    @Test
    void aChangedAnswerAmendsItsObservationUnderIfMatch() {
        QuestionnaireResponse amended = version2(Fixtures.example("example-maya-inventory"));
        InventoryExtraction next = extractor.extract(amended);
        next.ratingObservations().get(0).resource().setValue(new StringType("changed"));
        TransactionBuilder transaction = new TransactionBuilder();

        InventoryRevision.of(store, "maya", "example-maya-inventory", next, Optional.empty()).write(next, transaction);

        List<Bundle.BundleEntryComponent> updates = transaction.build().getEntry();
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).getRequest().getUrl()).isEqualTo(first.ratingObservations().get(0).resource()
                .getIdElement().toUnqualifiedVersionless().getValue());
        assertThat(((Observation) updates.get(0).getResource()).getStatus()).isEqualTo(Observation.ObservationStatus.AMENDED);
    }

    @Test
    void aRemovedProblemAreaWithdrawsItsConditionAndGoalsAndThePlanStopsNamingThem() {
        Condition condition = first.conditions().get(0).resource();
        Goal goal = first.goals().get(0).resource();
        InventoryExtraction next = new InventoryExtraction(first.relatedPersons(), first.relationshipObservations(),
                first.ratingObservations(), List.of(), List.of(), Optional.empty(), Optional.empty(), first.contractedSessions());
        TransactionBuilder transaction = new TransactionBuilder();
        InventoryRevision revision = InventoryRevision.of(store, "maya", "example-maya-inventory", copy(next), Optional.of(planOf(first)));

        revision.write(copy(next), transaction);
        CarePlan plan = new CarePlan().addAddresses(new Reference(condition.getIdElement().toUnqualifiedVersionless().getValue()))
                .addGoal(new Reference(goal.getIdElement().toUnqualifiedVersionless().getValue()));
        revision.formulate(plan, next);

        List<Resource> withdrawn = transaction.build().getEntry().stream().map(e -> (Resource) e.getResource()).toList();
        assertThat(withdrawn).filteredOn(r -> r instanceof Condition).hasSize(first.conditions().size())
                .allSatisfy(r -> {
                    assertThat(((Condition) r).getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("entered-in-error");
                    assertThat(((Condition) r).hasClinicalStatus()).isFalse();
                });
        assertThat(withdrawn).filteredOn(r -> r instanceof Goal).hasSize(first.goals().size())
                .allSatisfy(r -> assertThat(((Goal) r).getLifecycleStatus()).isEqualTo(Goal.GoalLifecycleStatus.ENTEREDINERROR));
        assertThat(plan.getAddresses()).isEmpty();
        assertThat(plan.getGoal()).isEmpty();
    }

    private static CarePlan planOf(InventoryExtraction x) {
        CarePlan plan = new CarePlan();
        x.goals().forEach(g -> plan.addGoal(new Reference(g.resource().getIdElement().toUnqualifiedVersionless().getValue())));
        return plan;
    }

    private static QuestionnaireResponse version2(QuestionnaireResponse response) {
        response.getMeta().setVersionId("2");
        return response;
    }

    private static InventoryExtraction copy(InventoryExtraction x) {
        return new InventoryExtraction(fresh(x.relatedPersons()), fresh(x.relationshipObservations()), fresh(x.ratingObservations()),
                fresh(x.conditions()), fresh(x.goals()), x.primaryProblemArea(), x.secondaryProblemArea(), x.contractedSessions());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Resource> List<Extracted<T>> fresh(List<Extracted<T>> list) {
        return list.stream().map(e -> {
            T r = (T) e.resource().copy();
            r.setId((String) null);
            r.setMeta(e.resource().getMeta().copy().setVersionId(null));
            return new Extracted<>(e.fullUrl(), e.identifier(), r);
        }).toList();
    }

    // Version 1 as the server holds it: ids in place of placeholders, version 1.
    private static void stored(InventoryExtraction x) {
        int n = 0;
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        for (Extracted<?> e : x.all()) {
            String id = e.resource().fhirType() + "/v1-" + n++;
            ids.put(e.fullUrl(), id);
            e.resource().setId(id);
            e.resource().getMeta().setVersionId("1");
        }
        for (Extracted<?> e : x.all()) {
            if (e.resource() instanceof Observation o) {
                o.getFocus().forEach(r -> r.setReference(ids.getOrDefault(r.getReference(), r.getReference())));
            } else if (e.resource() instanceof Goal g) {
                g.getAddresses().forEach(r -> r.setReference(ids.getOrDefault(r.getReference(), r.getReference())));
            }
        }
    }

    @SafeVarargs
    private static org.hl7.fhir.r4.model.Resource[] resources(List<? extends Extracted<?>>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).map(e -> e.resource().copy())
                .toArray(org.hl7.fhir.r4.model.Resource[]::new);
    }

    private static List<QuestionnaireResponseItemComponent> relationships(QuestionnaireResponse response) {
        return response.getItem().stream().filter(i -> i.getLinkId().equals(InventoryItems.RELATIONSHIPS)).findFirst()
                .orElseThrow().getItem();
    }

    private static String person(QuestionnaireResponseItemComponent relationship) {
        return relationship.getItem().stream().filter(i -> i.getLinkId().equals(InventoryItems.PERSON)).findFirst()
                .map(i -> i.getAnswerFirstRep().getValue().primitiveValue()).orElse("");
    }
}
