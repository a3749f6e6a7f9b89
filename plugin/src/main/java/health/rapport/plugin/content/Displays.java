package health.rapport.plugin.content;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The one rule for showing a code to a person (the export's narrative, the panel, the CDS cards).
 * Rapport stores some of its own codes bare (the plan's extensions carry "role-dispute"), and a
 * reader should see "Role dispute". In this order:
 * <ol>
 * <li>a concept's {@code text}, then its first coding;</li>
 * <li>the coding's own {@code display}, as whoever recorded it wrote it;</li>
 * <li>the display of the code in the CodeSystems Rapport ships (the source of Rapport's wording);</li>
 * <li>the bare code — never a wording made up here, which could contradict the CodeSystem.</li>
 * </ol>
 * Nothing at all is "".
 */
public final class Displays {

    private final ContentLibrary library;

    public Displays(ContentLibrary library) {
        this.library = library;
    }

    public String of(Coding coding) {
        if (coding == null || coding.isEmpty()) {
            return "";
        }
        if (coding.hasDisplay()) {
            return coding.getDisplay();
        }
        return library.display(coding.getSystem(), coding.getCode()).orElse(coding.hasCode() ? coding.getCode() : "");
    }

    public String of(CodeableConcept concept) {
        if (concept == null) {
            return "";
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().isEmpty() ? "" : of(concept.getCodingFirstRep());
    }
}
