package health.rapport.plugin.measures;

import health.rapport.plugin.fhir.Canonicals;
import org.hl7.fhir.r4.model.Coding;

/**
 * Reliable change between baseline and latest total (Jacobson and Truax 1991, with the thresholds
 * of the NHS Talking Therapies manual: PHQ-9 6, GAD-7 4), coded in Rapport's measure-response-status
 * CodeSystem.
 */
public enum ReliableChange {

    /** Lower than baseline by at least the threshold. */
    IMPROVEMENT("reliable-improvement", "Reliable improvement"),
    /** Higher than baseline by at least the threshold: review the plan and the risk, at any session. */
    DETERIORATION("reliable-deterioration", "Reliable deterioration"),
    /** Less change than the threshold either way. */
    NONE("no-reliable-change", "No reliable change"),
    /** From caseness at baseline to below it now, with a reliable improvement. */
    RELIABLE_RECOVERY("reliable-recovery", "Reliable recovery");

    private final String code;
    private final String display;

    ReliableChange(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public Coding coding() {
        return new Coding(Canonicals.CS_RESPONSE_STATUS, code, display);
    }
}
