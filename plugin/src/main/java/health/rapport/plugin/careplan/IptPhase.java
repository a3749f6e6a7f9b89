package health.rapport.plugin.careplan;

import health.rapport.plugin.fhir.Canonicals;
import java.util.Arrays;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;

/** The phases of an IPT course (CodeSystem ipt-phase). */
public enum IptPhase {
    INITIAL("initial", "Initial phase"),
    MIDDLE("middle", "Middle phase"),
    TERMINATION("termination", "Termination phase"),
    MAINTENANCE("maintenance", "Maintenance (IPT-M)");

    private final String code;
    private final String display;

    IptPhase(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public Coding coding() {
        return new Coding(Canonicals.CS_IPT_PHASE, code, display);
    }

    public static Optional<IptPhase> of(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
