package health.rapport.plugin.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.parser.IParser;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link FhirContext} of this bundle activation. Creating it is expensive (the
 * model scan takes about a second), so it is done once, at activation, and shared. It also
 * owns the lifetime of what HAPI and Jackson cache outside the bundle ({@link JvmWideCaches}).
 */
// Immediate: a delayed component is disposed whenever its last user lets go (a reconfigured
// chart store, say) and the next one would pay for the model scan again.
@Component(service = FhirRuntime.class, immediate = true)
public final class FhirRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(FhirRuntime.class);

    /** The resource types Rapport's code and content use (the model classes it imports, and Bundle's). */
    static final List<String> USED_TYPES = List.of("ActivityDefinition", "AuditEvent", "Bundle",
            "CapabilityStatement", "CarePlan", "CodeSystem", "Composition", "Condition", "DocumentReference",
            "Encounter", "EpisodeOfCare", "Goal", "ImplementationGuide", "Observation", "OperationDefinition",
            "OperationOutcome", "Parameters", "Patient", "PlanDefinition", "Practitioner", "Procedure",
            "Provenance", "Questionnaire", "QuestionnaireResponse", "RelatedPerson", "StructureDefinition",
            "Subscription", "Task", "ValueSet");

    private final FhirContext context;

    @Activate
    public FhirRuntime() {
        long start = System.nanoTime();
        // Before any JSON is read: immediate and without references, this is among the first to activate,
        // and every part that reads FHIR waits for it.
        JvmWideCaches.track();
        this.context = BundleClassLoader.call(() -> {
            FhirContext ctx = new FhirContext(FhirVersionEnum.R4);
            // Scan the types Rapport reads and writes now, so the first request does not pay for them.
            // Not all 146: that took ~1.2 s of a ~3.5 s cold start; any other type a foreign chart
            // holds is scanned by HAPI when it first appears (a few ms each).
            for (String type : USED_TYPES) {
                ctx.getResourceDefinition(type);
            }
            ctx.newJsonParser();
            return ctx;
        });
        LOG.info("FHIR R4 model ready in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** Goes after every part that reads FHIR (they depend on it): what HAPI and Jackson cached goes with it. */
    @Deactivate
    void deactivate() {
        if (!JvmWideCaches.release()) {
            LOG.warn("Jackson's buffers were not tracked: threads that read JSON keep this bundle's classes until "
                    + "the heap runs short");
        }
    }

    public FhirContext context() {
        return context;
    }

    public IParser jsonParser() {
        return context.newJsonParser();
    }
}
