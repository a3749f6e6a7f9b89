package health.rapport.plugin.measures;

import health.rapport.plugin.fhir.Canonicals;
import java.math.BigDecimal;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;

/**
 * The weight (0-3) of one PHQ-9 / GAD-7 answer. The LOINC answer code (list LL358-3) is the
 * authority; an ordinalValue/itemWeight extension is accepted where a form sends only a weighted
 * local code, and refused when it contradicts the LOINC code (a tampered or mis-built answer).
 */
final class AnswerWeight {

    /** LOINC answer list LL358-3: "Not at all" .. "Nearly every day". */
    static final Map<String, Integer> LL358_3 = Map.of(
            "LA6568-5", 0,
            "LA6569-3", 1,
            "LA6570-1", 2,
            "LA6571-9", 3);

    private static final int MAX_WEIGHT = 3;

    private AnswerWeight() {
    }

    /** The weight of the answer, or an {@link IllegalArgumentException} saying why it has none. */
    static int of(QuestionnaireResponseItemAnswerComponent answer) {
        if (!answer.hasValueCoding()) {
            throw new IllegalArgumentException("the answer is not a Coding from LOINC answer list LL358-3");
        }
        Coding coding = answer.getValueCoding();
        // A LOINC coding without a code has no weight by code (and Map.of's get refuses a null key).
        Integer byCode = Canonicals.LOINC.equals(coding.getSystem()) && coding.getCode() != null
                ? LL358_3.get(coding.getCode()) : null;
        Integer byExtension = ordinal(coding);
        if (byExtension == null) {
            byExtension = ordinal(answer);
        }
        if (byCode != null && byExtension != null && !byCode.equals(byExtension)) {
            throw new IllegalArgumentException("answer " + coding.getCode() + " means " + byCode
                    + " but carries the weight " + byExtension);
        }
        if (byCode != null) {
            return byCode;
        }
        if (byExtension != null) {
            return byExtension;
        }
        throw new IllegalArgumentException("answer " + coding.getSystem() + "|" + coding.getCode()
                + " is not in LOINC answer list LL358-3 and carries no ordinalValue");
    }

    private static Integer ordinal(Element element) {
        Extension ext = element.getExtensionByUrl(Canonicals.EXT_ORDINAL_VALUE);
        if (ext == null) {
            ext = element.getExtensionByUrl(Canonicals.EXT_ITEM_WEIGHT);
        }
        if (ext == null) {
            return null;
        }
        BigDecimal value;
        if (ext.getValue() instanceof DecimalType d && d.getValue() != null) {
            value = d.getValue();
        } else if (ext.getValue() instanceof IntegerType i && i.getValue() != null) {
            value = BigDecimal.valueOf(i.getValue());
        } else {
            throw new IllegalArgumentException("the ordinalValue extension has no numeric value");
        }
        if (value.stripTrailingZeros().scale() > 0
                || value.compareTo(BigDecimal.ZERO) < 0
                || value.compareTo(BigDecimal.valueOf(MAX_WEIGHT)) > 0) {
            throw new IllegalArgumentException("the ordinalValue " + value.toPlainString() + " is not 0, 1, 2 or 3");
        }
        return value.intValueExact();
    }
}
