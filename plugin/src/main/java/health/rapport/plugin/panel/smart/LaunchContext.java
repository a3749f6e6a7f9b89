package health.rapport.plugin.panel.smart;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.plugin.fhir.FhirIds;
import health.rapport.plugin.http.OperationFailure;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The group a launch is for, from the token answer's {@code fhirContext} (SMART App Launch 2.x, "Scopes
 * and Launch Context"): an array of objects, each naming a resource in context by a relative
 * {@code reference} (or a {@code canonical} or {@code identifier}), with an optional {@code role} that is
 * {@code launch} when absent. A Group in the launch role, by reference, is the group the panel opens.
 * Items of any other kind (another resource type, another role, a canonical) are left alone: they are
 * context the panel does not use. A launch naming two different groups, or a Group reference that is not
 * a FHIR id, is a broken answer (502): the panel must not guess which group the clinician opened.
 */
public final class LaunchContext {

    private static final String GROUP = "Group/";
    private static final String LAUNCH_ROLE = "launch";

    private LaunchContext() {
    }

    /** The id of the Group the launch is for, if {@code fhirContext} (null when the answer had none) names one. */
    public static Optional<String> group(JsonNode fhirContext) {
        if (fhirContext == null || fhirContext.isNull()) {
            return Optional.empty();
        }
        if (!fhirContext.isArray()) {
            throw broken("its fhirContext is not an array");
        }
        Set<String> groups = new LinkedHashSet<>();
        for (JsonNode item : fhirContext) {
            JsonNode reference = item.path("reference");
            JsonNode role = item.path("role");
            boolean launchRole = role.isMissingNode() || role.isNull() || LAUNCH_ROLE.equals(role.asText());
            if (!reference.isTextual() || !reference.asText().startsWith(GROUP) || !launchRole) {
                continue;
            }
            String id = reference.asText().substring(GROUP.length());
            if (!FhirIds.valid(id)) {
                throw broken("it names a Group that is not a FHIR id");
            }
            groups.add(id);
        }
        if (groups.size() > 1) {
            throw broken("it names more than one group");
        }
        return groups.stream().findFirst();
    }

    private static OperationFailure broken(String why) {
        return new OperationFailure(502, "The EHR's launch context cannot be used (" + why + "); open the group "
                + "again from the EHR.");
    }
}
