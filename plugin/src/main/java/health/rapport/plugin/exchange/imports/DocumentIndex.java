package health.rapport.plugin.exchange.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resolves references inside a document the way FHIR resolves them in a Bundle: an absolute
 * reference or urn is looked up among the fullUrls; a relative one ({@code Type/id}) against
 * the base of the referring entry's RESTful fullUrl, else by type and id. Nothing outside the
 * document is ever looked up.
 */
final class DocumentIndex {

    private final Bundle document;
    private final Map<String, BundleEntryComponent> byFullUrl = new HashMap<>();
    private final Map<String, BundleEntryComponent> byTypeAndId = new HashMap<>();

    DocumentIndex(Bundle document) {
        this.document = document;
        for (BundleEntryComponent entry : document.getEntry()) {
            if (entry.hasFullUrl()) {
                byFullUrl.putIfAbsent(entry.getFullUrl(), entry);
            }
            Resource resource = entry.getResource();
            if (resource != null && resource.getIdElement().hasIdPart()) {
                byTypeAndId.putIfAbsent(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), entry);
            }
        }
    }

    List<BundleEntryComponent> entries() {
        return document.getEntry();
    }

    Optional<BundleEntryComponent> resolve(String reference, String fromFullUrl) {
        if (reference == null || reference.isBlank() || reference.startsWith("#")) {
            return Optional.empty();
        }
        String target = withoutHistory(reference);
        if (target.startsWith("urn:") || target.contains("://")) {
            return Optional.ofNullable(byFullUrl.get(target));
        }
        String[] parts = target.split("/");
        if (parts.length != 2) {
            return Optional.empty();
        }
        if (fromFullUrl != null && fromFullUrl.contains("://")) {
            String base = base(fromFullUrl);
            if (base != null && byFullUrl.containsKey(base + "/" + target)) {
                return Optional.of(byFullUrl.get(base + "/" + target));
            }
        }
        return Optional.ofNullable(byTypeAndId.get(target));
    }

    /** {@code http://x/fhir/CarePlan/1} → {@code http://x/fhir}. */
    private static String base(String fullUrl) {
        String url = withoutHistory(fullUrl);
        int last = url.lastIndexOf('/');
        int type = last < 0 ? -1 : url.lastIndexOf('/', last - 1);
        return type < 0 ? null : url.substring(0, type);
    }

    private static String withoutHistory(String reference) {
        int history = reference.indexOf("/_history/");
        return history < 0 ? reference : reference.substring(0, history);
    }
}
