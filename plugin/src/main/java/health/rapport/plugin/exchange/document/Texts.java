package health.rapport.plugin.exchange.document;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** How codes read in the narrative: their text or display, their code as the last resort. */
final class Texts {

    private Texts() {
    }

    static String display(CodeableConcept concept) {
        if (concept == null) {
            return "";
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().isEmpty() ? "" : display(concept.getCodingFirstRep());
    }

    static String display(Coding coding) {
        if (coding == null) {
            return "";
        }
        return coding.hasDisplay() ? coding.getDisplay() : String.valueOf(coding.getCode());
    }
}
