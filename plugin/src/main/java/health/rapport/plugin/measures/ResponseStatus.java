package health.rapport.plugin.measures;

import health.rapport.plugin.fhir.Canonicals;
import org.hl7.fhir.r4.model.Coding;

/**
 * Where a patient stands against the baseline of a measure (docs/clinical-rules.md), with its code in
 * Rapport's measure-response-status CodeSystem.
 */
public enum ResponseStatus {

    /** Only the baseline has been measured. */
    BASELINE("baseline", "Baseline"),
    /** Below the remission threshold (total under 5). */
    REMISSION("remission", "Remission"),
    /** At least 50 % below baseline. */
    RESPONSE("response", "Response"),
    /** No response by the review session: the plan should be reconsidered. */
    NON_RESPONSE("non-response", "Non-response"),
    /** Too early to judge, and lower than baseline: on track. */
    IMPROVING("improving", "Improving"),
    /** Too early to judge, but higher than baseline. */
    WORSENING("worsening", "Worsening"),
    /** Too early to judge, and the same as baseline. */
    NO_CHANGE("no-change", "No change"),
    /** The baseline was below the clinical threshold (caseness): response and remission are not judged. */
    BELOW_CASENESS("below-caseness", "Below the clinical threshold at baseline");

    private final String code;
    private final String display;

    ResponseStatus(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    /** The measure-response-status coding. */
    public Coding coding() {
        return new Coding(Canonicals.CS_RESPONSE_STATUS, code, display);
    }
}
