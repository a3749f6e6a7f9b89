package health.rapport.plugin.exchange.export;

import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.Canonicals;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Reference;

/**
 * The responses a score was computed from do not travel; the Questionnaire they answered does,
 * as a versioned canonical on the score Observation (core extension workflow-instantiatesCanonical),
 * so the receiver knows exactly which form and version produced the number.
 */
final class QuestionnaireCanonicals {

    private final ContentLibrary library;

    QuestionnaireCanonicals(ContentLibrary library) {
        this.library = library;
    }

    void annotate(Observation score, Map<String, String> questionnaireByResponse) {
        if (score.hasExtension(Canonicals.EXT_WORKFLOW_INSTANTIATES_CANONICAL)) {
            return; // it came with one (an imported score): keep what the origin said
        }
        score.getDerivedFrom().stream()
                .map(Reference::getReferenceElement)
                .filter(id -> "QuestionnaireResponse".equals(id.getResourceType()))
                .map(id -> questionnaireByResponse.get("QuestionnaireResponse/" + id.getIdPart()))
                .filter(q -> q != null && !q.isBlank())
                .findFirst()
                .flatMap(this::versioned)
                .ifPresent(c -> score.addExtension(Canonicals.EXT_WORKFLOW_INSTANTIATES_CANONICAL, new CanonicalType(c)));
    }

    /** {@code url|version}: as the response named it, or with the version Rapport ships. */
    Optional<String> versioned(String canonical) {
        if (canonical.contains("|")) {
            return Optional.of(canonical);
        }
        return library.resolve(Questionnaire.class, canonical).map(q -> q.getUrl() + "|" + q.getVersion());
    }
}
