package health.rapport.plugin.exchange.imports;

import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.SearchValues;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;

/**
 * Finds the local patient a document is about, by business identifier only: the sender's
 * resource id means nothing here. Exactly one local patient must hold the identifiers; Rapport
 * never creates a patient on import (registration belongs to the EHR).
 */
final class PatientMatcher {

    private final ChartStore store;

    PatientMatcher(ChartStore store) {
        this.store = store;
    }

    /** The local patient id, or null after adding the problem that says why there is none. */
    String match(Patient sent, String expression, List<Problem> problems) {
        Set<String> found = new LinkedHashSet<>();
        List<Identifier> identifiers = sent.getIdentifier().stream().filter(i -> i.hasSystem() && i.hasValue()).toList();
        if (identifiers.isEmpty()) {
            return null; // the profile check already says the Patient has no identifier
        }
        for (Identifier identifier : identifiers) {
            Bundle matches = store.search("Patient?identifier=" + SearchValues.encode(identifier.getSystem() + "|"
                    + identifier.getValue()) + "&_elements=id&_count=10");
            matches.getEntry().forEach(e -> found.add(e.getResource().getIdElement().getIdPart()));
        }
        if (found.size() == 1) {
            return found.iterator().next();
        }
        String named = identifiers.stream().map(i -> i.getSystem() + "|" + i.getValue()).toList().toString();
        problems.add(new Problem(found.isEmpty() ? IssueType.NOTFOUND : IssueType.MULTIPLEMATCHES, expression,
                found.isEmpty()
                        ? "No patient on this server has the identifiers " + named + ". Register or link the patient "
                                + "in the EHR first; Rapport does not create patients on import."
                        : "The identifiers " + named + " match " + found.size() + " patients here; the document cannot "
                                + "be filed until they name one."));
        return null;
    }
}
