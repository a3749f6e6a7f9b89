package health.rapport.plugin.process;

import health.rapport.plugin.fhir.Canonicals;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * Recognises Rapport's process events and notes by what they are, not only by their label: another system
 * may store one without PSYTHPN, and it is still a psychotherapy note that must not travel.
 */
public final class ProcessEvents {

    private ProcessEvents() {
    }

    /** A rupture event or a process note, by profile, code, category or document type. */
    public static boolean isProcessEvent(Resource resource) {
        if (resource.getMeta().hasProfile(Canonicals.PROFILE_ALLIANCE_RUPTURE)
                || resource.getMeta().hasProfile(Canonicals.PROFILE_PROCESS_NOTE)) {
            return true;
        }
        if (resource instanceof Observation o) {
            return o.getCode().getCoding().stream().anyMatch(ProcessEvents::ours)
                    || o.getCategory().stream().flatMap(c -> c.getCoding().stream()).anyMatch(ProcessEvents::ours);
        }
        if (resource instanceof DocumentReference d) {
            return d.getType().getCoding().stream().anyMatch(ProcessEvents::ours)
                    || d.getCategory().stream().flatMap(c -> c.getCoding().stream()).anyMatch(ProcessEvents::ours);
        }
        return false;
    }

    private static boolean ours(Coding coding) {
        return Canonicals.CS_PROCESS_EVENT.equals(coding.getSystem());
    }
}
