package health.rapport.plugin.exchange;

import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.process.ProcessEvents;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Resource;

/**
 * Recognises psychotherapy process notes (docs/clinical-basis.md §4), which never leave Rapport: a
 * resource labelled PSYTHPN or a process event or process note of Rapport's (rupture and repair,
 * session note: {@code process.ProcessEvents}), an element carrying the inline PSYTHPN label, and an activity
 * whose intervention is documented as a process note (CodeSystem property {@code process-note}).
 * The intervention codes come from the shipped content, so a new process-note intervention is
 * held back without a code change.
 */
public final class ProcessNotes {

    private static final String PSYTHPN = "PSYTHPN";

    private final Set<String> interventions;

    public ProcessNotes(Set<String> interventions) {
        this.interventions = Set.copyOf(interventions);
    }

    public static ProcessNotes from(ContentLibrary library) {
        return new ProcessNotes(library.resolve(CodeSystem.class, Canonicals.CS_INTERVENTION).stream()
                .flatMap(cs -> cs.getConcept().stream())
                .filter(c -> c.getProperty().stream().anyMatch(p -> "process-note".equals(p.getCode())
                        && p.getValue() instanceof BooleanType b && b.booleanValue()))
                .map(CodeSystem.ConceptDefinitionComponent::getCode)
                .collect(Collectors.toSet()));
    }

    /** Labelled PSYTHPN, or a process event or note of Rapport's even if its label was lost. */
    public boolean isProcessNote(Resource resource) {
        return PrivacyLabels.isProcessNote(resource) || ProcessEvents.isProcessEvent(resource);
    }

    /** Whether an element carries the inline PSYTHPN label. */
    public boolean labelled(Element element) {
        return element.getExtensionsByUrl(Canonicals.EXT_SECURITY_LABEL).stream()
                .anyMatch(e -> e.getValue() instanceof Coding c && Canonicals.V3_ACT_CODE.equals(c.getSystem())
                        && PSYTHPN.equals(c.getCode()));
    }

    public boolean isProcessNoteActivity(CarePlanActivityComponent activity) {
        return labelled(activity)
                || activity.getProgress().stream().anyMatch(this::labelled)
                || activity.getDetail().getCode().getCoding().stream()
                        .anyMatch(c -> Canonicals.CS_INTERVENTION.equals(c.getSystem()) && interventions.contains(c.getCode()));
    }

    /**
     * The notes of the resource types that travel, as the live list (so an exporter can remove
     * process notes from it); an empty list for types without notes.
     */
    public static java.util.List<org.hl7.fhir.r4.model.Annotation> notes(org.hl7.fhir.r4.model.Resource resource) {
        if (resource instanceof org.hl7.fhir.r4.model.CarePlan plan) {
            return plan.getNote();
        }
        if (resource instanceof org.hl7.fhir.r4.model.Goal goal) {
            return goal.getNote();
        }
        if (resource instanceof org.hl7.fhir.r4.model.Condition condition) {
            return condition.getNote();
        }
        if (resource instanceof org.hl7.fhir.r4.model.Observation observation) {
            return observation.getNote();
        }
        return new java.util.ArrayList<>();
    }
}
