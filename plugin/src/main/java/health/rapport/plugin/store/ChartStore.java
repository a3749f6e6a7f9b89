package health.rapport.plugin.store;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The EHR's FHIR server as Rapport sees it: the record, reached over FHIR REST only.
 * Every failure surfaces as a {@link ChartStoreException} whose {@link StoreFailure} tells
 * callers what to answer their own clients; nothing here retries behind their back.
 */
public interface ChartStore {

    /** The configured base URL, e.g. {@code https://ehr.example.org/fhir}. */
    String baseUrl();

    <T extends IBaseResource> T read(Class<T> type, String id);

    /**
     * Searches with a relative FHIR search URL such as
     * {@code CarePlan?subject=Patient/1&status=active}.
     */
    Bundle search(String relativeSearchUrl);

    /** Follows a search result's {@code next} link; empty when there is none. */
    java.util.Optional<Bundle> nextPage(Bundle page);

    /** Runs a transaction Bundle: all of it is written, or nothing. */
    Bundle transaction(Bundle transaction);

    /**
     * Creates {@code resource} unless a resource matching {@code searchCondition} (the
     * query part of {@code If-None-Exist}, e.g. {@code identifier=sys|val}) already exists.
     */
    CreateOutcome createIfNoneExist(IBaseResource resource, String searchCondition);

    /**
     * Updates {@code resource} only if the server's current version is still
     * {@code expectedVersionId} (If-Match); a stale version fails with
     * {@link StoreFailure#CONFLICT}.
     */
    IIdType updateIfMatch(IBaseResource resource, String expectedVersionId);

    /** Asks the server for its CapabilityStatement and measures the round trip. */
    Ping ping();

    /** The server's whole CapabilityStatement (hundreds of kB on some servers: read it once, not per request). */
    org.hl7.fhir.r4.model.CapabilityStatement capabilities();

    /**
     * The Authorization header value of Rapport's own credentials, for the EHR's services that
     * must know who asks (token introspection); empty when Rapport has none. Never sent to the
     * FHIR server for a caller's request.
     */
    default java.util.Optional<String> serviceAuthorization() {
        return java.util.Optional.empty();
    }
}
