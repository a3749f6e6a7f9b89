package health.rapport.plugin.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/** Every match of a search, across the server's pages, with a bound on how many pages one read may take. */
public final class SearchPages {

    private SearchPages() {
    }

    /** The resources of {@code type} that {@code search} finds, following next links up to {@code maxPages} pages. */
    public static <T extends Resource> List<T> all(ChartStore store, String search, Class<T> type, int maxPages) {
        List<T> out = new ArrayList<>();
        Bundle page = store.search(search);
        for (int pages = 1; ; pages++) {
            page.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(type::isInstance).map(type::cast).forEach(out::add);
            Optional<Bundle> next = pages < maxPages ? store.nextPage(page) : Optional.empty();
            if (next.isEmpty()) {
                return out;
            }
            page = next.get();
        }
    }
}
