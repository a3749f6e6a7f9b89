package health.rapport.plugin.sessions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.Coding;

/**
 * One session of an IPT group as the clinician records it.
 *
 * @param key        the session's identity within the group (sending it again corrects it)
 * @param start      when it was held, or was due
 * @param minutes    its duration, when it took place
 * @param modality   how it was held (null when not said)
 * @param delivered  the IPT techniques and interventions used with the group (recorded for each member who attended)
 * @param attendance each active member's attendance, by Patient id
 */
public record GroupSessionRecord(String key, Instant start, OptionalInt minutes, Modality modality, List<Coding> delivered,
        Map<String, Attendance> attendance) {

    public GroupSessionRecord {
        delivered = List.copyOf(delivered);
        attendance = Map.copyOf(attendance);
    }

    /** The group session took place when any member attended it. */
    boolean held() {
        return attendance.values().stream().anyMatch(Attendance::attended);
    }

    /** A member's own session of it: their attendance; duration and work only when they came. */
    SessionRecord forMember(String groupId, String patientId) {
        Attendance own = attendance.get(patientId);
        boolean came = own.attended();
        return new SessionRecord("group/" + groupId + "/" + key, start, own, came ? minutes : OptionalInt.empty(),
                modality, came ? delivered : List.of(), List.of());
    }

    /** What the record says, in a stable form: the same record sent again gives the same fingerprint. */
    public String fingerprint() {
        String who = String.join(",", attendance.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().code())
                .sorted().toList());
        String codes = String.join(",", delivered.stream().map(c -> c.getSystem() + "|" + c.getCode()).sorted().toList());
        return Integer.toHexString((start + "/" + minutes + "/" + modality + "/" + codes + "/" + who).hashCode());
    }
}
