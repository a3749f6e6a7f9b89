package health.rapport.plugin.exchange.imports;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;

/**
 * Every literal reference resolves inside the document: the import rewrites them to the local
 * resources it creates, and never follows a reference into the sender's server.
 */
final class ReferenceCheck implements DocumentCheck {

    private final FhirContext context;

    ReferenceCheck(FhirContext context) {
        this.context = context;
    }

    @Override
    public void check(Bundle document, DocumentIndex index, List<Problem> problems) {
        for (int i = 0; i < document.getEntry().size(); i++) {
            BundleEntryComponent entry = document.getEntry().get(i);
            if (entry.getResource() == null) {
                continue;
            }
            for (Reference ref : context.newTerser().getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class)) {
                if (ref.hasReference() && !ref.getReference().startsWith("#")
                        && index.resolve(ref.getReference(), entry.getFullUrl()).isEmpty()) {
                    problems.add(Problem.invalid(DocumentCheck.at(i), entry.getResource().fhirType() + " refers to "
                            + ref.getReference() + ", which is not in the document."));
                }
            }
        }
    }
}
