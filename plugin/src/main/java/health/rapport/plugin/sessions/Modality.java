package health.rapport.plugin.sessions;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.fhir.Canonicals;
import java.util.Arrays;
import org.hl7.fhir.r4.model.Coding;

/**
 * How a session was held (CodeSystem session-modality) and the Encounter class it implies: v3 ActCode
 * AMB (ambulatory) in person, VR (virtual) by video or telephone.
 */
public enum Modality {
    IN_PERSON("in-person", "In person", "AMB", "ambulatory"),
    VIDEO("video", "Video", "VR", "virtual"),
    TELEPHONE("telephone", "Telephone", "VR", "virtual");

    private final String code;
    private final String display;
    private final String actCode;
    private final String actDisplay;

    Modality(String code, String display, String actCode, String actDisplay) {
        this.code = code;
        this.display = display;
        this.actCode = actCode;
        this.actDisplay = actDisplay;
    }

    public String code() {
        return code;
    }

    public Coding coding() {
        return new Coding(Canonicals.CS_SESSION_MODALITY, code, display);
    }

    /** The Encounter class; a session whose modality is not known is taken as ambulatory. */
    static Coding encounterClass(Modality modality) {
        return modality == null ? new Coding(Canonicals.V3_ACT_CODE, "AMB", "ambulatory")
                : new Coding(Canonicals.V3_ACT_CODE, modality.actCode, modality.actDisplay);
    }

    /** The modality a caller sent (null when none); a 400 for anything outside the CodeSystem. */
    public static Modality of(Coding coding) {
        if (coding == null || coding.isEmpty()) {
            return null;
        }
        if (Canonicals.CS_SESSION_MODALITY.equals(coding.getSystem())) {
            for (Modality m : values()) {
                if (m.code.equals(coding.getCode())) {
                    return m;
                }
            }
        }
        throw OperationFailure.invalid("modality must be a code of " + Canonicals.CS_SESSION_MODALITY + " ("
                + String.join(", ", Arrays.stream(values()).map(Modality::code).toList()) + ").");
    }
}
