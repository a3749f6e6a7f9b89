package health.rapport.plugin.content;

import health.rapport.plugin.store.SearchValues;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * One transaction that registers the whole catalog. Each entry is a create conditional on
 * {@code url} + {@code version}: a restart creates nothing twice, and a new version is a
 * new resource beside the old one, which plans made with it still reference.
 */
final class RegistrationTransaction {

    private RegistrationTransaction() {
    }

    static Bundle of(List<MetadataResource> resources) {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (MetadataResource resource : resources) {
            MetadataResource copy = (MetadataResource) resource.copy();
            copy.setId((String) null);
            transaction.addEntry()
                    .setFullUrl("urn:uuid:" + java.util.UUID.nameUUIDFromBytes(
                            (resource.getUrl() + "|" + resource.getVersion()).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .setResource(copy)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl(resource.fhirType())
                    .setIfNoneExist("url=" + SearchValues.encode(resource.getUrl()) + "&version="
                            + SearchValues.encode(resource.getVersion()));
        }
        return transaction;
    }

    /** Counts the entries the server created (201); the others already existed. */
    static int created(Bundle response) {
        int created = 0;
        for (BundleEntryComponent entry : response.getEntry()) {
            if (entry.hasResponse() && entry.getResponse().getStatus().startsWith("201")) {
                created++;
            }
        }
        return created;
    }
}
