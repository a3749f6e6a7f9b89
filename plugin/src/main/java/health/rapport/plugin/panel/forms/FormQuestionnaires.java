package health.rapport.plugin.panel.forms;

import health.rapport.plugin.content.ContentLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Rapport's questionnaires as the form renderer gets them: the shipped definition with every
 * {@code answerValueSet} of Rapport's own turned into {@code answerOption}s (codes and displays
 * from the shipped ValueSets and CodeSystems), so the browser never resolves a canonical URL —
 * the panel may only talk to Rapport.
 */
public final class FormQuestionnaires {

    /** The forms the panel offers, by Questionnaire id. */
    public static final Set<String> FORMS = Set.of("session-record", "phq-9", "gad-7", "interpersonal-inventory", "session-feedback",
            "relapse-prevention-plan", "risk-review");

    private final ContentLibrary library;
    /** The shipped content does not change while the bundle runs: each form is built once, on first use. */
    private final Map<String, Optional<Questionnaire>> built = new ConcurrentHashMap<>();

    public FormQuestionnaires(ContentLibrary library) {
        this.library = library;
    }

    /**
     * The renderable copy of form {@code id}; empty when it is not one of the panel's forms. The
     * copy is shared by every caller: read it, never change it.
     */
    public Optional<Questionnaire> form(String id) {
        if (!FORMS.contains(id)) {
            return Optional.empty();
        }
        return built.computeIfAbsent(id, k -> library.byId(Questionnaire.class, k).map(q -> {
            Questionnaire copy = q.copy();
            inline(copy.getItem());
            return copy;
        }));
    }

    private void inline(List<QuestionnaireItemComponent> items) {
        for (QuestionnaireItemComponent item : items) {
            if (item.hasAnswerValueSet() && !item.hasAnswerOption()) {
                Optional<List<Coding>> options = library.resolve(ValueSet.class, item.getAnswerValueSet())
                        .map(this::expand);
                if (options.isPresent()) {
                    options.get().forEach(c -> item.addAnswerOption().setValue(c));
                    item.setAnswerValueSet(null);
                }
            }
            inline(item.getItem());
        }
    }

    /** The codes of a ValueSet made of whole CodeSystems and enumerated concepts (all Rapport's are). */
    List<Coding> expand(ValueSet valueSet) {
        List<Coding> codes = new ArrayList<>();
        for (ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            String system = include.getSystem();
            if (include.hasConcept()) {
                include.getConcept().forEach(c -> codes.add(new Coding(system, c.getCode(),
                        c.hasDisplay() ? c.getDisplay() : library.display(system, c.getCode()).orElse(c.getCode()))));
            } else if (!include.hasFilter()) {
                library.resolve(CodeSystem.class, system)
                        .ifPresent(cs -> flatten(system, cs.getConcept(), codes));
            }
        }
        return codes;
    }

    private static void flatten(String system, List<ConceptDefinitionComponent> concepts, List<Coding> into) {
        for (ConceptDefinitionComponent concept : concepts) {
            into.add(new Coding(system, concept.getCode(), concept.hasDisplay() ? concept.getDisplay() : concept.getCode()));
            flatten(system, concept.getConcept(), into);
        }
    }
}
