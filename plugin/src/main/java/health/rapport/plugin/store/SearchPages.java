package health.rapport.plugin.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/** Every match of a search, across the server's pages, with a bound on how many pages one read may take. */
public final class SearchPages {

    private SearchPages() {
    }

    /** The resources of {@code type} that {@code search} finds, following next links up to {@code maxPages} pages. */
    public static <T extends Resource> List<T> all(ChartStore store, String search, Class<T> type, int maxPages) {
        return into(new ArrayList<>(), store, search, type, maxPages, page -> false);
    }

    /**
     * Adds to {@code out} what {@code search} finds, page after page, and stops after the first page for
     * which {@code enough} holds (given that page's resources), e.g. a newest-first search that has
     * reached what it needs. A failure on a later page leaves the earlier pages in {@code out}.
     */
    public static <T extends Resource> List<T> into(List<T> out, ChartStore store, String search, Class<T> type,
            int maxPages, Predicate<List<T>> enough) {
        Bundle page = store.search(search);
        for (int pages = 1; ; pages++) {
            List<T> found = page.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(type::isInstance).map(type::cast).toList();
            out.addAll(found);
            Optional<Bundle> next = pages < maxPages && !enough.test(found) ? store.nextPage(page) : Optional.empty();
            if (next.isEmpty()) {
                return out;
            }
            page = next.get();
        }
    }
}
