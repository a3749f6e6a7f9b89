package health.rapport.plugin.sessions;

import java.util.Map;
import org.hl7.fhir.r4.model.Encounter;

/**
 * A recorded group session as the FHIR server now holds it.
 *
 * @param groupSession the group's session Encounter
 * @param members      each member's own outcome, by Patient id
 */
public record GroupSessionOutcome(Encounter groupSession, Map<String, SessionOutcome> members) {

    public GroupSessionOutcome {
        members = Map.copyOf(members);
    }
}
