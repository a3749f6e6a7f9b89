package health.rapport.plugin.measures;

import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Coding;

/**
 * A way to adapt the plan after non-response, offered to the clinician and never applied silently.
 *
 * @param kind which of the adaptations of docs/clinical-rules.md §4
 * @param text what to show on the CDS card or plan
 * @param options coded choices from Rapport's CodeSystems (for example the integrative
 *     interventions that could be added); empty where Rapport has no code for the suggestion
 */
public record AdaptationSuggestion(Kind kind, String text, List<Coding> options) {

    public enum Kind {
        REVISIT_PROBLEM_AREA,
        ADD_INTEGRATIVE_COMPONENT,
        CONSIDER_OTHER_TREATMENT
    }

    public AdaptationSuggestion {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        options = options.stream().map(Coding::copy).toList();
    }

    /** Copies, so a caller who puts a coding into a resource cannot change this suggestion. */
    @Override
    public List<Coding> options() {
        return options.stream().map(Coding::copy).toList();
    }
}
