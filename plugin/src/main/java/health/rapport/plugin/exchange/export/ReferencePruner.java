package health.rapport.plugin.exchange.export;

import ca.uhn.fhir.context.FhirContext;
import java.util.Set;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A document is self-contained: a reference to something that does not travel (a Task, a
 * response, a Practitioner, a process note) would point into the sender's chart, which the
 * receiver cannot read. Such references lose their target and keep only their display.
 */
final class ReferencePruner {

    private final FhirContext context;

    ReferencePruner(FhirContext context) {
        this.context = context;
    }

    /** @param travelling {@code Type/id} of every resource in the document */
    void prune(Resource resource, Set<String> travelling) {
        for (Reference ref : context.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            if (!ref.hasReference() || ref.getReference().startsWith("#")) {
                continue;
            }
            String target = ref.getReferenceElement().getResourceType() + "/" + ref.getReferenceElement().getIdPart();
            if (!travelling.contains(target) || ref.getReferenceElement().isAbsolute()) {
                ref.setReference(null);
                ref.setType(null);
            }
        }
    }
}
