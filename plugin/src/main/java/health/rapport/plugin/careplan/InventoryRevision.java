package health.rapport.plugin.careplan;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.inventory.Extracted;
import health.rapport.plugin.inventory.InventoryExtraction;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.SearchPages;
import health.rapport.plugin.store.SearchValues;
import health.rapport.plugin.store.TransactionBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * An Interpersonal Inventory response processed again in a new version: what its earlier versions produced is
 * revised, not added to. A resource the new version yields again (same version-free identifier) is updated in
 * place (an Observation becomes {@code amended}); a result the new version no longer yields is withdrawn
 * (Observation, Condition and Goal {@code entered-in-error}, and the plan stops naming it); a RelatedPerson is
 * never withdrawn, since the person exists whatever the form now says of the relationship.
 *
 * <p>Earlier results are found through their link to the response (Observation {@code derived-from}, Condition
 * {@code evidence-detail}), Goals through the plan that names them or their identifier, RelatedPersons through
 * their identifier; every search names the patient, as patient-scoped tokens require.
 */
final class InventoryRevision {

    private static final int MAX_PAGES = 5;

    private final Map<String, Resource> earlierByIdentifier;
    private final List<Resource> earlier;
    // The placeholder of a resource the new version yields again, to the id it already has on the server.
    private final Map<String, String> kept = new HashMap<>();
    private final Set<String> withdrawn = new HashSet<>();

    private InventoryRevision(List<Resource> found, String derivedFrom) {
        // Only what Rapport derived from this response: another system's resource is not Rapport's to withdraw.
        this.earlier = found.stream().filter(r -> identifiers(r).stream()
                .anyMatch(i -> Canonicals.IDENTIFIER_SYSTEM.equals(i.getSystem()) && i.hasValue()
                        && i.getValue().startsWith(derivedFrom))).toList();
        this.earlierByIdentifier = new LinkedHashMap<>();
        for (Resource r : this.earlier) {
            identifiers(r).forEach(i -> earlierByIdentifier.putIfAbsent(i.getValue(), r));
        }
    }

    /** A first version: nothing to revise. */
    static InventoryRevision none() {
        return new InventoryRevision(List.of(), "");
    }

    /** @param plan the open course, whose goals include those the earlier versions set */
    static InventoryRevision of(ChartStore store, String patientId, String responseId, InventoryExtraction next,
            Optional<CarePlan> plan) {
        String patient = "Patient/" + patientId;
        String source = SearchValues.encode("QuestionnaireResponse/" + responseId);
        List<Resource> found = new ArrayList<>();
        found.addAll(SearchPages.all(store, "Observation?subject=" + patient + "&derived-from=" + source + "&_count=100",
                Observation.class, MAX_PAGES));
        found.addAll(SearchPages.all(store, "Condition?subject=" + patient + "&evidence-detail=" + source + "&_count=100",
                Condition.class, MAX_PAGES));
        // R4 has no Goal search by what it addresses: the earlier goals are the plan's, and those named again.
        Map<String, Resource> goals = new LinkedHashMap<>();
        String planned = plan.map(p -> p.getGoal().stream().map(r -> r.getReferenceElement())
                .filter(r -> "Goal".equals(r.getResourceType()) && r.getIdPart() != null)
                .map(r -> r.getIdPart()).collect(Collectors.joining(","))).orElse("");
        if (!planned.isEmpty()) {
            SearchPages.all(store, "Goal?subject=" + patient + "&_id=" + SearchValues.encode(planned) + "&_count=100",
                    Goal.class, MAX_PAGES).forEach(g -> goals.put(g.getIdElement().getIdPart(), g));
        }
        identified(store, "Goal?subject=" + patient, next.goals()).forEach(g -> goals.put(g.getIdElement().getIdPart(), g));
        found.addAll(goals.values());
        found.addAll(identified(store, "RelatedPerson?patient=" + patient, next.relatedPersons()));
        return new InventoryRevision(found, "QuestionnaireResponse/" + responseId + "/");
    }

    private static List<Resource> identified(ChartStore store, String search, List<? extends Extracted<?>> fresh) {
        if (fresh.isEmpty()) {
            return List.of();
        }
        // Commas and backslashes would split or escape a token list; Rapport's identifier values have neither.
        String any = fresh.stream().map(e -> e.identifier().getSystem() + "|" + e.identifier().getValue())
                .collect(Collectors.joining(","));
        List<Resource> out = new ArrayList<>();
        store.search(search + "&identifier=" + SearchValues.encode(any) + "&_count=100").getEntry()
                .forEach(e -> out.add((Resource) e.getResource()));
        return out;
    }

    /**
     * Adds the new version's resources to the transaction (a conditional create for what is new, an If-Match update
     * for what it yields again) and withdraws what it no longer yields; returns the references written.
     */
    List<Reference> write(InventoryExtraction next, TransactionBuilder transaction) {
        for (Extracted<?> e : next.all()) {
            Resource before = earlierByIdentifier.get(e.identifier().getValue());
            if (before != null) {
                kept.put(e.fullUrl(), before.getIdElement().toUnqualifiedVersionless().getValue());
            }
        }
        List<Reference> written = new ArrayList<>();
        Set<String> yieldedAgain = new HashSet<>(kept.values());
        for (Extracted<?> e : next.all()) {
            Resource resource = e.resource();
            retarget(resource);
            String id = kept.get(e.fullUrl());
            if (id == null) {
                written.add(transaction.createUnlessIdentified(resource, e.fullUrl(), e.identifier().getSystem(),
                        e.identifier().getValue()));
                continue;
            }
            Resource before = earlierByIdentifier.get(e.identifier().getValue());
            written.add(new Reference(id));
            if (unchanged(before, resource)) {
                continue;
            }
            resource.setId(id);
            if (resource instanceof Observation o && before instanceof Observation b) {
                DerivedResults.amends(b, o);
            }
            transaction.updateIfMatch(resource, before.getMeta().getVersionId());
        }
        for (Resource before : earlier) {
            String id = before.getIdElement().toUnqualifiedVersionless().getValue();
            if (!yieldedAgain.contains(id) && withdraw(before)) {
                withdrawn.add(id);
                transaction.updateIfMatch(before, before.getMeta().getVersionId());
                written.add(new Reference(id));
            }
        }
        return written;
    }

    /**
     * The plan names the new version's Conditions and Goals once each, and no longer names a withdrawn one. Call
     * after {@link #write}.
     */
    void formulate(CarePlan plan, InventoryExtraction next) {
        plan.getAddresses().removeIf(r -> withdrawn.contains(r.getReference()));
        plan.getGoal().removeIf(r -> withdrawn.contains(r.getReference()));
        next.conditions().forEach(c -> addOnce(plan.getAddresses(), target(c.fullUrl())));
        next.goals().forEach(g -> addOnce(plan.getGoal(), target(g.fullUrl())));
    }

    private String target(String fullUrl) {
        return kept.getOrDefault(fullUrl, fullUrl);
    }

    private static void addOnce(List<Reference> references, String reference) {
        if (references.stream().noneMatch(r -> Objects.equals(r.getReference(), reference))) {
            references.add(new Reference(reference));
        }
    }

    // References between the extracted resources point at placeholders; one that is updated keeps its id.
    private void retarget(Resource resource) {
        List<Reference> references = new ArrayList<>();
        if (resource instanceof Observation o) {
            references.addAll(o.getFocus());
        } else if (resource instanceof Goal g) {
            references.addAll(g.getAddresses());
        }
        references.forEach(r -> Optional.ofNullable(kept.get(r.getReference())).ifPresent(r::setReference));
    }

    // The same content (ignoring what the server keeps: id, meta; and an Observation's final/amended status) is no revision.
    private static boolean unchanged(Resource before, Resource fresh) {
        Resource b = before.copy();
        Resource f = fresh.copy();
        b.setId((String) null);
        f.setId((String) null);
        b.setMeta(null);
        f.setMeta(null);
        if (b instanceof Observation bo && f instanceof Observation fo) {
            fo.setStatus(bo.getStatus());
        }
        return b.equalsDeep(f);
    }

    /** Marks an earlier result as no longer yielded; false when there is nothing to change. */
    private static boolean withdraw(Resource before) {
        if (before instanceof Observation o && o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR) {
            o.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
            return true;
        }
        if (before instanceof Condition c && !isEnteredInError(c)) {
            // An entered-in-error Condition carries no clinical status (invariant con-5).
            c.setClinicalStatus(null);
            c.setVerificationStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-ver-status", "entered-in-error", "Entered in Error")));
            return true;
        }
        if (before instanceof Goal g && g.getLifecycleStatus() != Goal.GoalLifecycleStatus.ENTEREDINERROR) {
            g.setLifecycleStatus(Goal.GoalLifecycleStatus.ENTEREDINERROR);
            return true;
        }
        return false;
    }

    private static boolean isEnteredInError(Condition c) {
        return c.getVerificationStatus().getCoding().stream().anyMatch(x -> "entered-in-error".equals(x.getCode()));
    }

    // Every type an extraction yields has identifiers; HAPI's named property reads them without a case per type.
    private static List<Identifier> identifiers(Resource r) {
        Property property = r.getNamedProperty("identifier");
        return property == null ? List.of() : property.getValues().stream()
                .filter(Identifier.class::isInstance).map(Identifier.class::cast).toList();
    }
}
