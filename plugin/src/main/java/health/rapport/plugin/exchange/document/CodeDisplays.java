package health.rapport.plugin.exchange.document;

import health.rapport.plugin.content.ContentLibrary;
import org.hl7.fhir.r4.model.Coding;

/**
 * Displays for Rapport's own codes: the plan's extensions store bare codes, and a reader of the
 * summary should see "Role dispute", not "role-dispute". The shipped CodeSystems are the source.
 */
final class CodeDisplays {

    private final ContentLibrary library;

    CodeDisplays(ContentLibrary library) {
        this.library = library;
    }

    String display(Coding coding) {
        if (coding == null || coding.hasDisplay() || !coding.hasSystem()) {
            return Texts.display(coding);
        }
        return library.display(coding.getSystem(), coding.getCode()).orElse(Texts.display(coding));
    }
}
