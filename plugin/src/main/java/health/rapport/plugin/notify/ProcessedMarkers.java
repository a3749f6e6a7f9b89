package health.rapport.plugin.notify;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.SearchValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * Which response versions still lack the Provenance the engine writes when it processes one
 * ({@code meta.tag = write|process/{id}/{version}}). Asks in batches, one search per batch, so a
 * reconciliation over many responses costs a few requests rather than one per response.
 */
final class ProcessedMarkers {

    static final int BATCH = 50;

    private final ChartStore store;

    ProcessedMarkers(ChartStore store) {
        this.store = store;
    }

    /** The responses among {@code responses} whose current version has not been processed. */
    List<QuestionnaireResponse> unprocessed(List<QuestionnaireResponse> responses) {
        List<QuestionnaireResponse> missing = new ArrayList<>();
        for (int from = 0; from < responses.size(); from += BATCH) {
            List<QuestionnaireResponse> batch = responses.subList(from, Math.min(responses.size(), from + BATCH));
            Set<String> done = processed(batch.stream().map(ProcessedMarkers::key).toList());
            batch.stream().filter(r -> !done.contains(key(r))).forEach(missing::add);
        }
        return missing;
    }

    /** The engine's write key for a response's current version. */
    static String key(QuestionnaireResponse response) {
        return "process/" + response.getIdElement().getIdPart() + "/" + response.getMeta().getVersionId();
    }

    private Set<String> processed(List<String> keys) {
        String tags = keys.stream().map(k -> SearchValues.encode(Canonicals.TAG_WRITE + "|" + k))
                .collect(Collectors.joining(","));
        Set<String> found = new HashSet<>();
        Optional<Bundle> page = Optional.of(store.search("Provenance?_tag=" + tags + "&_elements=meta&_count="
                + (keys.size() * 2)));
        while (page.isPresent()) {
            page.get().getEntry().forEach(e -> e.getResource().getMeta().getTag().stream()
                    .filter(t -> Canonicals.TAG_WRITE.equals(t.getSystem())).map(Coding::getCode).forEach(found::add));
            page = store.nextPage(page.get());
        }
        return found;
    }
}
