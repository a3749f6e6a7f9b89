package health.rapport.plugin.sessions;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.Coding;

/**
 * One session as the clinician records it, from the form or the operation.
 *
 * @param key        the record's identity within the course: a form's {@code QuestionnaireResponse/[id]}
 *                   (so an amended form corrects its session) or the caller's own key
 * @param start      when the session was held, or was due
 * @param attendance whether it took place
 * @param minutes    its duration, when it took place
 * @param modality   how it was held (null when not said)
 * @param delivered  the IPT techniques and integrative interventions used
 * @param completed  planned work completed with this session (each also counts as delivered)
 * @param partnerPresent in a conjoint course, whether the partner took part (null when not said)
 */
public record SessionRecord(String key, Instant start, Attendance attendance, OptionalInt minutes, Modality modality,
        List<Coding> delivered, List<Coding> completed, Boolean partnerPresent) {

    /** Sessions longer than a long day's clinic are typing errors, not sessions. */
    static final int MAX_MINUTES = 480;

    public SessionRecord {
        delivered = List.copyOf(delivered);
        completed = List.copyOf(completed);
    }

    /** A record that says nothing of a partner (an individual or a group course's session). */
    public SessionRecord(String key, Instant start, Attendance attendance, OptionalInt minutes, Modality modality,
            List<Coding> delivered, List<Coding> completed) {
        this(key, start, attendance, minutes, modality, delivered, completed, null);
    }

    /** Everything used in the session, each code once, in the order given. */
    List<Coding> used() {
        List<Coding> all = new java.util.ArrayList<>();
        for (Coding c : delivered) {
            if (all.stream().noneMatch(a -> same(a, c))) {
                all.add(c);
            }
        }
        for (Coding c : completed) {
            if (all.stream().noneMatch(a -> same(a, c))) {
                all.add(c);
            }
        }
        return all;
    }

    /** What the record says, in a stable form: the same record sent again gives the same fingerprint. */
    public String fingerprint() {
        String codes = String.join(",", used().stream().map(c -> c.getSystem() + "|" + c.getCode()
                + (completes(c) ? "!" : "")).sorted().toList());
        return Integer.toHexString((start + "/" + attendance + "/" + minutes + "/" + modality + "/" + codes
                + (partnerPresent == null ? "" : "/partner=" + partnerPresent)).hashCode());
    }

    boolean completes(Coding code) {
        return completed.stream().anyMatch(c -> same(c, code));
    }

    public static boolean same(Coding a, Coding b) {
        return a.getSystem() != null && a.getSystem().equals(b.getSystem()) && a.getCode() != null
                && a.getCode().equals(b.getCode());
    }
}
