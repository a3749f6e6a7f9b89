package health.rapport.plugin.content;

import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.SearchPages;
import health.rapport.plugin.store.SearchValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * Which of the shipped definitions the FHIR server already holds, by canonical {@code url} and
 * {@code version}: searches of each type for a handful of URLs at a time, asking only for those two
 * elements. What registration sends, and what it reports as created, rests on this answer.
 */
final class ContentPresence {

    /** URLs per search: keeps the query well under the 8 kB request line most servers accept. */
    private static final int URLS_PER_SEARCH = 20;
    private static final int MAX_PAGES = 20;

    private final ChartStore store;

    ContentPresence(ChartStore store) {
        this.store = store;
    }

    /** Those of {@code resources} the server holds now. */
    List<MetadataResource> present(List<MetadataResource> resources) {
        Map<String, List<MetadataResource>> byType = resources.stream()
                .collect(Collectors.groupingBy(Resource::fhirType, LinkedHashMap::new, Collectors.toList()));
        Set<String> found = new HashSet<>();
        for (Map.Entry<String, List<MetadataResource>> type : byType.entrySet()) {
            List<String> urls = type.getValue().stream().map(MetadataResource::getUrl).distinct().toList();
            for (int from = 0; from < urls.size(); from += URLS_PER_SEARCH) {
                String search = type.getKey() + "?url="
                        + urls.subList(from, Math.min(urls.size(), from + URLS_PER_SEARCH)).stream()
                                .map(ContentPresence::searchValue).collect(Collectors.joining(","))
                        + "&_elements=url,version&_count=200";
                for (MetadataResource held : SearchPages.all(store, search, MetadataResource.class, MAX_PAGES)) {
                    found.add(key(held));
                }
            }
        }
        List<MetadataResource> present = new ArrayList<>();
        for (MetadataResource resource : resources) {
            if (found.contains(key(resource))) {
                present.add(resource);
            }
        }
        return present;
    }

    static String key(MetadataResource resource) {
        return resource.fhirType() + "|" + resource.getUrl() + "|" + resource.getVersion();
    }

    /** A comma inside one value must not split it into two (FHIR search escaping), then URL-encoded. */
    private static String searchValue(String url) {
        return SearchValues.encode(url.replace("\\", "\\\\").replace(",", "\\,"));
    }
}
