package health.rapport.plugin.exchange.imports;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.plugin.careplan.Provenances;
import health.rapport.plugin.exchange.Identifiers;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.TransactionBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Writes a checked document in one transaction. Every resource is created conditionally on its
 * origin identifier (for a sender without one: derived from the document identifier and the
 * entry's fullUrl), so importing the same document again creates nothing. References are
 * rewritten to the local patient and the new resources; the Provenance names the sender.
 */
final class ImportWriter {

    private final ChartStore store;
    private final FhirContext context;
    private final String rapportVersion;

    ImportWriter(ChartStore store, FhirContext context, String rapportVersion) {
        this.store = store;
        this.context = context;
        this.rapportVersion = rapportVersion;
    }

    /** @return the transaction response and the index of the CarePlan's entry in it */
    Written write(Bundle document, DocumentIndex index, String patientId, PlanPlacement placement) {
        Map<BundleEntryComponent, String> placeholders = new HashMap<>();
        for (BundleEntryComponent entry : index.entries()) {
            if (!(entry.getResource() instanceof Composition) && !(entry.getResource() instanceof Patient)) {
                placeholders.put(entry, "urn:uuid:" + UUID.randomUUID());
            }
        }
        TransactionBuilder transaction = new TransactionBuilder();
        List<Reference> written = new ArrayList<>();
        int planIndex = -1;
        int position = 0;
        placement.superseded().ifPresent(local -> {
            CarePlan old = local.copy();
            old.getIdentifier().removeIf(i -> Canonicals.IDENTIFIER_OPEN_COURSE.equals(i.getSystem()));
            old.setStatus(CarePlan.CarePlanStatus.REVOKED);
            transaction.updateIfMatch(old, local.getMeta().getVersionId());
            written.add(new Reference(old.getIdElement().toUnqualifiedVersionless().getValue()));
        });
        if (placement.superseded().isPresent()) {
            position++;
        }
        for (BundleEntryComponent entry : index.entries()) {
            String placeholder = placeholders.get(entry);
            if (placeholder == null) {
                continue;
            }
            Resource resource = local(entry, index, placeholders, patientId, document);
            Identifier key = Identifiers.key(resource);
            if (resource instanceof CarePlan plan) {
                String course = patientId + "/" + placement.courseNumber();
                plan.addIdentifier().setSystem(Canonicals.IDENTIFIER_COURSE).setValue(course);
                placement.superseded().ifPresent(old -> plan.addReplaces(
                        new Reference(old.getIdElement().toUnqualifiedVersionless().getValue())));
                if (placement.opensCourse()) {
                    // One open course per patient: the same conditional create enrolment uses.
                    plan.addIdentifier().setSystem(Canonicals.IDENTIFIER_OPEN_COURSE).setValue(patientId);
                    if (placement.superseded().isEmpty()) {
                        key = new Identifier().setSystem(Canonicals.IDENTIFIER_OPEN_COURSE).setValue(patientId);
                    }
                }
                planIndex = position;
            }
            written.add(transaction.createUnlessIdentified(resource, placeholder, key.getSystem(), key.getValue()));
            position++;
        }
        String write = "import/" + Identifiers.originFor(documentName(document)).getValue();
        Provenance provenance = Provenances.of(written, null, rapportVersion, "CREATE", write,
                "Import of an IPT care summary from " + document.getIdentifier().getSystem());
        provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(new Reference().setType("Bundle")
                .setIdentifier(document.getIdentifier().copy())
                .setDisplay(sender(document)));
        provenance.addAgent()
                .setType(new org.hl7.fhir.r4.model.CodeableConcept(new Coding(Canonicals.PROVENANCE_PARTICIPANT_TYPE,
                        "author", "Author")))
                .setWho(((Composition) document.getEntryFirstRep().getResource()).getAuthorFirstRep().copy()
                        .setReference(null));
        transaction.createUnlessTagged(provenance, Canonicals.TAG_WRITE, write);
        Bundle response = store.transaction(transaction.build());
        return new Written(response, planIndex);
    }

    /** The answer of the transaction; {@code planIndex} is the CarePlan's entry. */
    record Written(Bundle response, int planIndex) {
    }

    /** A copy of the entry's resource, as it is to be stored here. */
    private Resource local(BundleEntryComponent entry, DocumentIndex index, Map<BundleEntryComponent, String> placeholders,
            String patientId, Bundle document) {
        Resource resource = entry.getResource().copy();
        resource.setId((String) null);
        resource.getMeta().setVersionId(null);
        resource.getMeta().setLastUpdated(null);
        resource.getMeta().setSource(null);
        for (Reference ref : context.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            if (!ref.hasReference() || ref.getReference().startsWith("#")) {
                continue;
            }
            BundleEntryComponent target = index.resolve(ref.getReference(), entry.getFullUrl()).orElseThrow();
            ref.setReference(target.getResource() instanceof Patient ? "Patient/" + patientId : placeholders.get(target));
        }
        if (Identifiers.key(resource) == null) {
            Identifier origin = Identifiers.originFor(documentName(document) + "|" + entry.getFullUrl());
            if (resource instanceof QuestionnaireResponse response) {
                response.setIdentifier(origin);
            } else {
                Identifiers.list(resource).add(0, origin);
            }
        }
        return resource;
    }

    private static String documentName(Bundle document) {
        return document.getIdentifier().getSystem() + "|" + document.getIdentifier().getValue();
    }

    private static String sender(Bundle document) {
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        String author = composition.getAuthorFirstRep().getDisplay();
        return (composition.hasTitle() ? composition.getTitle() : "Document") + " from " + document.getIdentifier().getSystem()
                + (author == null ? "" : " (" + author + ")");
    }
}
