package health.rapport.plugin.inventory;

import java.util.Objects;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

/**
 * One resource extracted from the Inventory, with the {@code urn:uuid:} fullUrl the other extracted
 * resources use to reference it in the transaction Bundle.
 *
 * @param fullUrl {@code urn:uuid:...}, derived from the identifier, so the same response version
 *     always gives the same fullUrls
 * @param identifier the deterministic identifier (also on the resource), for the entry's conditional
 *     create ({@code ifNoneExist}, see {@code SourceResponse.ifNoneExist})
 * @param resource the resource, without id: the transaction creates it
 */
public record Extracted<T extends Resource>(String fullUrl, Identifier identifier, T resource) {

    public Extracted {
        Objects.requireNonNull(fullUrl, "fullUrl");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(resource, "resource");
    }
}
