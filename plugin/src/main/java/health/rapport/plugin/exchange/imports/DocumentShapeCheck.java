package health.rapport.plugin.exchange.imports;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Patient;

/**
 * The document as a whole: a {@code document} Bundle with identifier and timestamp, the
 * Composition first, unique fullUrls, one Patient and one CarePlan, and only the resource types
 * an IPT care summary holds.
 */
final class DocumentShapeCheck implements DocumentCheck {

    static final Set<String> TYPES = Set.of("Composition", "Patient", "CarePlan", "Goal", "Condition", "Observation",
            "QuestionnaireResponse");

    @Override
    public void check(Bundle document, DocumentIndex index, List<Problem> problems) {
        if (document.getType() != Bundle.BundleType.DOCUMENT) {
            problems.add(Problem.invalid("Bundle.type", "The Bundle must be a document (type 'document'), not '"
                    + (document.getType() == null ? "none" : document.getType().toCode()) + "'."));
        }
        if (!document.getIdentifier().hasSystem() || !document.getIdentifier().hasValue()) {
            problems.add(Problem.required("Bundle.identifier", "A document needs an identifier with system and value: "
                    + "it names the document and its sender."));
        }
        if (!document.hasTimestamp()) {
            problems.add(Problem.required("Bundle.timestamp", "A document needs a timestamp."));
        }
        if (document.getEntry().isEmpty() || !(document.getEntryFirstRep().getResource() instanceof Composition)) {
            problems.add(Problem.invalid("Bundle.entry[0]", "The first entry of a document must be its Composition."));
        }
        Set<String> fullUrls = new HashSet<>();
        int patients = 0;
        int plans = 0;
        for (int i = 0; i < document.getEntry().size(); i++) {
            BundleEntryComponent entry = document.getEntry().get(i);
            if (!entry.hasFullUrl()) {
                problems.add(Problem.required("Bundle.entry[" + i + "].fullUrl", "Every entry needs a fullUrl."));
            } else if (!fullUrls.add(entry.getFullUrl())) {
                problems.add(Problem.invalid("Bundle.entry[" + i + "].fullUrl", "fullUrl " + entry.getFullUrl()
                        + " appears more than once."));
            }
            if (entry.getResource() == null) {
                problems.add(Problem.required(DocumentCheck.at(i), "Entry " + i + " has no resource."));
                continue;
            }
            String type = entry.getResource().fhirType();
            if (!TYPES.contains(type)) {
                problems.add(Problem.invalid(DocumentCheck.at(i), type + " is not part of an IPT care summary."));
            }
            if (i > 0 && entry.getResource() instanceof Composition) {
                problems.add(Problem.invalid(DocumentCheck.at(i), "A document has exactly one Composition, first."));
            }
            patients += entry.getResource() instanceof Patient ? 1 : 0;
            plans += "CarePlan".equals(type) ? 1 : 0;
        }
        if (patients != 1) {
            problems.add(Problem.invalid("Bundle.entry", "A care summary holds exactly one Patient; this one holds "
                    + patients + "."));
        }
        if (plans != 1) {
            problems.add(Problem.invalid("Bundle.entry", "A care summary holds exactly one CarePlan; this one holds "
                    + plans + "."));
        }
        if (document.getEntryFirstRep().getResource() instanceof Composition composition) {
            composition(composition, document.getEntryFirstRep().getFullUrl(), index, problems);
        }
    }

    private static void composition(Composition composition, String fullUrl, DocumentIndex index, List<Problem> problems) {
        String at = DocumentCheck.at(0);
        if (composition.getStatus() == null) {
            problems.add(Problem.required(at + ".status", "The Composition needs a status."));
        }
        if (!composition.getType().hasCoding() && !composition.getType().hasText()) {
            problems.add(Problem.required(at + ".type", "The Composition needs a type."));
        }
        if (!composition.hasDate()) {
            problems.add(Problem.required(at + ".date", "The Composition needs a date."));
        }
        if (composition.getAuthor().isEmpty()) {
            problems.add(Problem.required(at + ".author", "The Composition needs an author: who sends the summary."));
        }
        if (!composition.hasTitle()) {
            problems.add(Problem.required(at + ".title", "The Composition needs a title."));
        }
        boolean subjectIsPatient = index.resolve(composition.getSubject().getReference(), fullUrl)
                .map(e -> e.getResource() instanceof Patient).orElse(false);
        if (!subjectIsPatient) {
            problems.add(Problem.invalid(at + ".subject", "The Composition's subject must be the Patient in the document."));
        }
    }
}
