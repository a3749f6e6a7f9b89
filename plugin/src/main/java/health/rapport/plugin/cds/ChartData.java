package health.rapport.plugin.cds;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/**
 * What Rapport knows of one patient for one hook call: per prefetch key, the resources read
 * (from prefetch or from the FHIR server), or the fact that the key is unavailable (neither
 * prefetched nor fetchable). An available key with no resources means "known to be none".
 */
public final class ChartData {

    private final String patientId;
    private final Map<String, List<Resource>> resources;
    private final Set<String> unavailable;

    public ChartData(String patientId, Map<String, List<Resource>> resources, Set<String> unavailable) {
        this.patientId = patientId;
        this.resources = Map.copyOf(resources);
        this.unavailable = Set.copyOf(unavailable);
    }

    public String patientId() {
        return patientId;
    }

    public boolean has(PrefetchQuery query) {
        return resources.containsKey(query.key());
    }

    /** Whether every one of {@code queries} is available. */
    public boolean hasAll(List<PrefetchQuery> queries) {
        return queries.stream().allMatch(this::has);
    }

    /** The resources of {@code query}; empty when none or unavailable (ask {@link #has} first). */
    public <T extends Resource> List<T> get(PrefetchQuery query, Class<T> type) {
        return resources.getOrDefault(query.key(), List.of()).stream().filter(type::isInstance).map(type::cast).toList();
    }

    public Set<String> unavailable() {
        return unavailable;
    }
}
