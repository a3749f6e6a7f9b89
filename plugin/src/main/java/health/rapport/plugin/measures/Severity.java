package health.rapport.plugin.measures;

import health.rapport.plugin.fhir.Canonicals;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * Severity bands (Kroenke et al. 2001; Spitzer et al. 2006; docs/clinical-basis.md §3), coded in Rapport's score-severity CodeSystem. GAD-7 has no
 * "moderately severe" band: its 15-21 range is {@link #SEVERE}.
 */
public enum Severity {

    MINIMAL("minimal", "Minimal"),
    MILD("mild", "Mild"),
    MODERATE("moderate", "Moderate"),
    MODERATELY_SEVERE("moderately-severe", "Moderately severe"),
    SEVERE("severe", "Severe");

    private final String code;
    private final String display;

    Severity(String code, String display) {
        this.code = code;
        this.display = display;
    }

    /** The band of a total; the total must lie within the instrument's range. */
    public static Severity of(Instrument instrument, int total) {
        if (total < 0 || total > instrument.maxTotal()) {
            throw new IllegalArgumentException(
                    instrument.title() + " total " + total + " is outside 0-" + instrument.maxTotal());
        }
        if (total <= 4) {
            return MINIMAL;
        }
        if (total <= 9) {
            return MILD;
        }
        if (total <= 14) {
            return MODERATE;
        }
        if (instrument == Instrument.PHQ9 && total <= 19) {
            return MODERATELY_SEVERE;
        }
        return SEVERE;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public CodeableConcept toCodeableConcept() {
        return new CodeableConcept(new Coding(Canonicals.CS_SCORE_SEVERITY, code, display));
    }
}
