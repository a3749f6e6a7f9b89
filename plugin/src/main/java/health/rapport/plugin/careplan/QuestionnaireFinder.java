package health.rapport.plugin.careplan;

import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.FhirIds;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.store.ChartStore;
import java.util.Optional;
import org.hl7.fhir.r4.model.Questionnaire;

/**
 * Finds which of Rapport's Questionnaires a {@code $populate} request means. Rapport registers its Questionnaires on
 * the EHR's FHIR server by conditional create, so there they carry the server's ids, not Rapport's: an id is looked
 * up in Rapport's package first, then read from the server and recognised by its {@code url} (and {@code version}).
 * Only Rapport's own Questionnaires are populated; the one in Rapport's package is used, so a copy edited on the
 * server cannot change what Rapport prefills.
 */
final class QuestionnaireFinder {

    private final ChartStore store;
    private final ContentLibrary library;

    QuestionnaireFinder(ChartStore store, ContentLibrary library) {
        this.store = store;
        this.library = library;
    }

    Questionnaire find(PopulateRequest request) {
        if (request.questionnaireId() != null) {
            return byId(request.questionnaireId());
        }
        if (request.canonical() != null) {
            return library.resolve(Questionnaire.class, request.canonical())
                    .orElseThrow(() -> OperationFailure.notFound("Questionnaire " + request.canonical()
                            + " is not one of Rapport's questionnaires."));
        }
        if (request.reference() != null) {
            return byReference(request.reference());
        }
        if (request.given() != null) {
            return rapports(request.given(), "The Questionnaire sent");
        }
        throw OperationFailure.invalid("Say which Questionnaire to populate: call Questionnaire/[id]/$populate, or send "
                + "'questionnaire' as a canonical, a reference or the resource.");
    }

    private Questionnaire byId(String id) {
        Optional<Questionnaire> shipped = library.byId(Questionnaire.class, id);
        if (shipped.isPresent()) {
            return shipped.get();
        }
        Questionnaire onServer = ChartWrites.require(store, Questionnaire.class, id);
        return rapports(onServer, "Questionnaire/" + id);
    }

    private Questionnaire byReference(String reference) {
        String value = reference.trim();
        String base = store.baseUrl() + "/";
        if (value.startsWith(base)) {
            value = value.substring(base.length());
        }
        if (value.startsWith("Questionnaire/") && FhirIds.valid(value.substring("Questionnaire/".length()))) {
            return byId(value.substring("Questionnaire/".length()));
        }
        // A reference may also be written as the Questionnaire's canonical URL.
        return library.resolve(Questionnaire.class, reference.trim())
                .orElseThrow(() -> OperationFailure.invalid("questionnaire reference '" + reference
                        + "' is neither Questionnaire/[id] on the FHIR server nor a Rapport canonical."));
    }

    private Questionnaire rapports(Questionnaire questionnaire, String what) {
        if (!questionnaire.hasUrl()) {
            throw OperationFailure.businessRule(what + " has no url: it is not one of Rapport's questionnaires.");
        }
        String canonical = questionnaire.getUrl()
                + (questionnaire.hasVersion() ? "|" + questionnaire.getVersion() : "");
        return library.resolve(Questionnaire.class, canonical)
                .orElseThrow(() -> OperationFailure.businessRule(what + " (" + canonical
                        + ") is not one of Rapport's questionnaires; Rapport populates only its own."));
    }
}
