package health.rapport.plugin.cds;

import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.plugin.fhir.BundleClassLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the data of one hook call: each needed key from prefetch when the EHR sent it
 * ({@code null} meaning "there is none", as CDS Hooks 2.0 says), the rest from the request's
 * FHIR server in parallel, when Rapport may call it. A key that cannot be had either way is
 * marked unavailable; no failure here ever throws, so the safety check always runs on what
 * arrived.
 */
final class ChartLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ChartLoader.class);

    private static final int MAX_PAGES = 10;

    private final Supplier<IParser> parsers;
    private final FhirServerClient client;

    ChartLoader(Supplier<IParser> parsers, FhirServerClient client) {
        this.parsers = parsers;
        this.client = client;
    }

    ChartData load(HookRequest request, List<PrefetchQuery> needed, Optional<FhirAccess> access) {
        Map<String, List<Resource>> resources = new HashMap<>();
        Set<String> unavailable = new HashSet<>();
        Map<PrefetchQuery, CompletableFuture<String>> fetches = new LinkedHashMap<>();
        for (PrefetchQuery query : needed) {
            JsonNode prefetched = request.prefetch().get(query.key());
            Optional<List<Resource>> fromPrefetch = prefetched == null ? Optional.empty()
                    : prefetched.isNull() ? Optional.of(List.of())
                    : read(query, prefetched.toString(), request.patientId(), "prefetch");
            if (fromPrefetch.isPresent()) {
                resources.put(query.key(), fromPrefetch.get());
            } else if (access.isPresent()) {
                fetches.put(query, client.get(access.get(), query.relativeUrl(request.patientId())));
            } else {
                unavailable.add(query.key());
            }
        }
        fetches.forEach((query, fetch) -> {
            Optional<List<Resource>> fetched;
            try {
                fetched = readPages(query, fetch.join(), request.patientId(), access.get());
            } catch (CompletionException e) {
                LOG.warn("FHIR server {}: {} for {}", access.get().baseUrl(), e.getCause().getMessage(), query.key());
                fetched = Optional.empty();
            }
            fetched.ifPresentOrElse(r -> resources.put(query.key(), r), () -> unavailable.add(query.key()));
        });
        return new ChartData(request.patientId(), resources, unavailable);
    }

    /**
     * A search and its next pages (ten at most): long histories (hundreds of scores) must not push a
     * recent answer off the first page. A next link is followed only on the request's own FHIR server.
     */
    private Optional<List<Resource>> readPages(PrefetchQuery query, String json, String patientId, FhirAccess access) {
        Optional<List<Resource>> first = read(query, json, patientId, "FHIR server");
        if (first.isEmpty() || !query.isSearch()) {
            return first;
        }
        List<Resource> all = new ArrayList<>(first.get());
        String page = json;
        for (int pages = 1; pages < MAX_PAGES; pages++) {
            Optional<String> next = nextLink(page, access.baseUrl());
            if (next.isEmpty()) {
                break;
            }
            page = client.get(access, next.get()).join();
            Optional<List<Resource>> more = read(query, page, patientId, "FHIR server");
            if (more.isEmpty()) {
                return Optional.empty();
            }
            all.addAll(more.get());
        }
        return Optional.of(all);
    }

    // The next link, relative to the base, when it points at the same FHIR server.
    private Optional<String> nextLink(String json, String baseUrl) {
        IBaseResource parsed = BundleClassLoader.call(() -> parsers.get().parseResource(json));
        if (!(parsed instanceof Bundle bundle) || bundle.getLink(Bundle.LINK_NEXT) == null) {
            return Optional.empty();
        }
        String url = bundle.getLink(Bundle.LINK_NEXT).getUrl();
        // The allowlist hands out base URLs already without a trailing slash (http.Urls).
        String prefix = baseUrl + "/";
        if (url == null || !(url.startsWith(prefix) || url.startsWith(baseUrl + "?"))) {
            LOG.warn("FHIR server {}: a next link to another address was not followed", baseUrl);
            return Optional.empty();
        }
        return Optional.of(url.substring(baseUrl.length()).replaceFirst("^/", ""));
    }

    private Optional<List<Resource>> read(PrefetchQuery query, String json, String patientId, String from) {
        IBaseResource parsed;
        try {
            parsed = BundleClassLoader.call(() -> parsers.get().parseResource(json));
        } catch (RuntimeException e) {
            LOG.debug("{} of {} is no FHIR resource: {}", from, query.key(), e.getMessage());
            return Optional.empty();
        }
        List<Resource> candidates = new ArrayList<>();
        if (query.isSearch() && parsed instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                boolean outcome = entry.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME;
                if (!outcome && entry.getResource() != null) {
                    candidates.add(entry.getResource());
                }
            }
        } else if (!query.isSearch() && query.type().isInstance(parsed)) {
            candidates.add((Resource) parsed);
        } else {
            LOG.debug("{} of {} is a {}, not what the query yields", from, query.key(), parsed.fhirType());
            return Optional.empty();
        }
        List<Resource> kept = candidates.stream()
                .filter(query.type()::isInstance)
                .filter(r -> PatientScope.belongs(r, patientId))
                .toList();
        if (kept.size() < candidates.size()) {
            LOG.debug("{} of {}: {} resources of another type or patient dropped", from, query.key(),
                    candidates.size() - kept.size());
        }
        return Optional.of(kept);
    }
}
