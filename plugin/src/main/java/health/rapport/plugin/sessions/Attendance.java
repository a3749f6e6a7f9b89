package health.rapport.plugin.sessions;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.fhir.Canonicals;
import java.util.Arrays;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;

/** Whether a session took place (CodeSystem session-attendance), and the Encounter status that says so. */
public enum Attendance {
    ATTENDED("attended", "Attended", EncounterStatus.FINISHED),
    CANCELLED_BY_PATIENT("cancelled-by-patient", "Cancelled by the patient", EncounterStatus.CANCELLED),
    CANCELLED_BY_SERVICE("cancelled-by-service", "Cancelled by the service", EncounterStatus.CANCELLED),
    DID_NOT_ATTEND("did-not-attend", "Did not attend", EncounterStatus.CANCELLED);

    private final String code;
    private final String display;
    private final EncounterStatus status;

    Attendance(String code, String display, EncounterStatus status) {
        this.code = code;
        this.display = display;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public EncounterStatus status() {
        return status;
    }

    public boolean attended() {
        return this == ATTENDED;
    }

    public Coding coding() {
        return new Coding(Canonicals.CS_SESSION_ATTENDANCE, code, display);
    }

    /** The attendance a caller sent; a 400 for anything outside the CodeSystem. */
    public static Attendance of(Coding coding) {
        if (coding != null && Canonicals.CS_SESSION_ATTENDANCE.equals(coding.getSystem())) {
            for (Attendance a : values()) {
                if (a.code.equals(coding.getCode())) {
                    return a;
                }
            }
        }
        throw OperationFailure.invalid("attendance must be a code of " + Canonicals.CS_SESSION_ATTENDANCE + " ("
                + String.join(", ", Arrays.stream(values()).map(Attendance::code).toList()) + ").");
    }

    /** The attendance an Encounter records, if it carries one Rapport can read. */
    static java.util.Optional<Attendance> of(org.hl7.fhir.r4.model.Encounter encounter) {
        org.hl7.fhir.r4.model.Extension ext = encounter.getExtensionByUrl(Canonicals.EXT_SESSION_ATTENDANCE);
        if (ext == null || !(ext.getValue() instanceof Coding c)) {
            return java.util.Optional.empty();
        }
        return Arrays.stream(values()).filter(a -> a.code.equals(c.getCode())
                && Canonicals.CS_SESSION_ATTENDANCE.equals(c.getSystem())).findFirst();
    }
}
