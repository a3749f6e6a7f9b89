package health.rapport.plugin.sessions;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.fhir.Canonicals;
import java.util.Arrays;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;

/** Who takes part in a course's sessions (CodeSystem session-format): the course's format and each session's type. */
public enum SessionFormat {
    INDIVIDUAL("individual", "Individual session"),
    CONJOINT("conjoint", "Conjoint session"),
    GROUP("group", "Group session");

    private final String code;
    private final String display;

    SessionFormat(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public Coding coding() {
        return new Coding(Canonicals.CS_SESSION_FORMAT, code, display);
    }

    /** The format a caller named by its code; absent is individual, anything else a 400. */
    public static SessionFormat ofCode(String code) {
        if (code == null || code.isBlank()) {
            return INDIVIDUAL;
        }
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst()
                .orElseThrow(() -> OperationFailure.invalid("format must be individual, conjoint or group, not '" + code + "'."));
    }

    static Optional<SessionFormat> of(Coding coding) {
        if (coding == null || !Canonicals.CS_SESSION_FORMAT.equals(coding.getSystem())) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(f -> f.code.equals(coding.getCode())).findFirst();
    }
}
