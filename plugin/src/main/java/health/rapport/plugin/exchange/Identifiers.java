package health.rapport.plugin.exchange;

import health.rapport.plugin.fhir.Canonicals;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;

/**
 * The identifiers of exchanged resources. Rapport's own identifiers (open course, course,
 * task, write keys) are server-local names: their values hold that server's resource ids, so
 * elsewhere they could collide with the receiver's own. They never travel; each resource
 * travels with one origin identifier instead, derived from its absolute URL where it was first
 * written, which stays the same through any number of exchanges.
 */
public final class Identifiers {

    private Identifiers() {
    }

    /** The resource's origin identifier: the one it already has, or one named after {@code absoluteUrl}. */
    public static Identifier origin(Resource resource, String absoluteUrl) {
        return existingOrigin(resource).orElseGet(() -> originFor(absoluteUrl));
    }

    public static Identifier originFor(String name) {
        return new Identifier().setSystem(Canonicals.IDENTIFIER_ORIGIN)
                .setValue(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
    }

    public static Optional<Identifier> existingOrigin(Resource resource) {
        return all(resource).stream().filter(i -> Canonicals.IDENTIFIER_ORIGIN.equals(i.getSystem())).findFirst();
    }

    /** Replaces Rapport's server-local identifiers by {@code origin}; foreign identifiers stay. */
    public static void forExport(Resource resource, Identifier origin) {
        Identifier kept = origin.copy();
        if (resource instanceof QuestionnaireResponse response) {
            // One identifier only: a foreign business identifier wins, it names the response everywhere.
            if (!response.hasIdentifier() || isRapports(response.getIdentifier())) {
                response.setIdentifier(kept);
            }
            return;
        }
        List<Identifier> identifiers = list(resource);
        if (identifiers == null) {
            return;
        }
        identifiers.removeIf(Identifiers::isRapports);
        identifiers.add(0, kept);
    }

    /** The identifier an import keys its conditional create on. */
    public static Identifier key(Resource resource) {
        if (resource instanceof QuestionnaireResponse response && response.hasIdentifier()) {
            return response.getIdentifier();
        }
        return existingOrigin(resource).orElse(null);
    }

    public static boolean isRapports(Identifier identifier) {
        return identifier.getSystem() != null && identifier.getSystem().startsWith(Canonicals.IDENTIFIER_SYSTEM);
    }

    public static List<Identifier> all(Resource resource) {
        if (resource instanceof QuestionnaireResponse response) {
            return response.hasIdentifier() ? List.of(response.getIdentifier()) : List.of();
        }
        List<Identifier> list = list(resource);
        return list == null ? List.of() : list;
    }

    /** The mutable identifier list of the exchanged types that have one. */
    public static List<Identifier> list(Resource resource) {
        if (resource instanceof CarePlan plan) {
            return plan.getIdentifier();
        }
        if (resource instanceof Goal goal) {
            return goal.getIdentifier();
        }
        if (resource instanceof Condition condition) {
            return condition.getIdentifier();
        }
        if (resource instanceof Observation observation) {
            return observation.getIdentifier();
        }
        if (resource instanceof Patient patient) {
            return patient.getIdentifier();
        }
        return null;
    }
}
