package health.rapport.plugin.store;

import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Builds the transaction Bundles Rapport writes: creates are conditional (so a retried or
 * concurrent write creates nothing twice) and updates carry If-Match (so no update is lost).
 */
public final class TransactionBuilder {

    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);

    /**
     * Adds a create that only happens when nothing matches {@code system|value}; returns the
     * placeholder reference other entries use for the new resource.
     */
    public Reference createUnlessIdentified(Resource resource, String system, String value) {
        return createUnlessIdentified(resource, "urn:uuid:" + UUID.randomUUID(), system, value);
    }

    /** As above, under a placeholder the caller already used in references between new resources. */
    public Reference createUnlessIdentified(Resource resource, String fullUrl, String system, String value) {
        return createUnless(resource, fullUrl, "identifier=" + SearchValues.encode(system + "|" + value));
    }

    /** Adds a create that only happens when nothing matches {@code tagSystem|tagCode}. */
    public Reference createUnlessTagged(Resource resource, String system, String code) {
        return createUnless(resource, "urn:uuid:" + UUID.randomUUID(), "_tag=" + SearchValues.encode(system + "|" + code));
    }

    private Reference createUnless(Resource resource, String fullUrl, String condition) {
        resource.setId((String) null);
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(resource.fhirType())
                .setIfNoneExist(condition);
        return new Reference(fullUrl);
    }

    /** Adds an update that fails unless the server still holds {@code expectedVersion}. */
    public TransactionBuilder updateIfMatch(Resource resource, String expectedVersion) {
        String id = resource.getIdElement().toUnqualifiedVersionless().getValue();
        bundle.addEntry().setFullUrl(id).setResource(resource).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl(id)
                .setIfMatch("W/\"" + expectedVersion + "\"");
        return this;
    }

    public Bundle build() {
        return bundle;
    }

    public boolean isEmpty() {
        return bundle.getEntry().isEmpty();
    }


    /** The server's location of entry {@code index} in a transaction response, versionless. */
    public static String location(Bundle response, int index) {
        String location = response.getEntry().get(index).getResponse().getLocation();
        int history = location.indexOf("/_history/");
        return history < 0 ? location : location.substring(0, history);
    }

    /** Whether entry {@code index} of a transaction response was created by it. */
    public static boolean created(Bundle response, int index) {
        return response.getEntry().get(index).getResponse().getStatus().startsWith("201");
    }
}
