package health.rapport.plugin.store;

import org.hl7.fhir.instance.model.api.IIdType;

/** Result of a conditional create: the resource's id, and whether this call created it. */
public record CreateOutcome(IIdType id, boolean created) {
}
