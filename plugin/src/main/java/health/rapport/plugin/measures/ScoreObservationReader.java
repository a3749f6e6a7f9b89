package health.rapport.plugin.measures;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.ChartTimes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Reads PHQ-9 / GAD-7 score Observations from any source by explicit rules, so that what other
 * systems wrote is either used as meant or set aside with the reason, and never breaks processing:
 *
 * <ul>
 *   <li>status: {@code final}, {@code amended}, {@code corrected} are used; {@code entered-in-error} and
 *       {@code cancelled} are void; any other status (e.g. {@code preliminary}) is not yet a result;</li>
 *   <li>value: {@code valueInteger}; {@code valueQuantity} with a whole number and no unit or the UCUM
 *       unit {@code {score}}; for item 9 also an answer code of LOINC list LL358-3; it must lie within the
 *       measure's range;</li>
 *   <li>time: {@code effectiveDateTime}, else {@code effectiveInstant}, else {@code effectivePeriod.start},
 *       else {@code issued}; a record without any time cannot be placed in a series.</li>
 * </ul>
 */
public final class ScoreObservationReader {

    /** LOINC answer list LL358-3, for an item recorded with its answer rather than a number. */
    private static final Map<String, Integer> LL358_3 = AnswerWeight.LL358_3;
    private static final Set<ObservationStatus> USED = Set.of(ObservationStatus.FINAL, ObservationStatus.AMENDED,
            ObservationStatus.CORRECTED);
    private static final Set<ObservationStatus> VOID = Set.of(ObservationStatus.ENTEREDINERROR,
            ObservationStatus.CANCELLED);

    /** The outcome of reading one Observation: a score, or why it was set aside. */
    public sealed interface Result {
    }

    public record Usable(ScoreReading reading) implements Result {
    }

    public record Skipped(SkippedRecord record) implements Result {
    }

    /**
     * @param observation an Observation coded with {@code loinc}
     * @param max the largest valid value (27 for the PHQ-9 total, 21 for GAD-7, 3 for an item)
     * @param answerCodes whether an LL358-3 answer code is a valid value (single items)
     */
    public Result read(Observation observation, int max, boolean answerCodes) {
        String source = "Observation/" + observation.getIdElement().getIdPart();
        if (observation.getStatus() != null && VOID.contains(observation.getStatus())) {
            return skipped(source, "status " + observation.getStatus().toCode(), false);
        }
        Optional<Integer> value;
        try {
            value = value(observation, answerCodes);
        } catch (IllegalArgumentException e) {
            return skipped(source, e.getMessage(), true);
        }
        if (value.isEmpty()) {
            return skipped(source, "no value" + (observation.hasDataAbsentReason() ? " (data absent)" : ""), false);
        }
        int v = value.get();
        if (v < 0 || v > max) {
            return skipped(source, "value " + v + " is outside 0-" + max, true);
        }
        if (observation.getStatus() == null || !USED.contains(observation.getStatus())) {
            return skipped(source, "status " + (observation.getStatus() == null ? "missing"
                    : observation.getStatus().toCode()) + " is not a final result", v > 0);
        }
        Optional<Instant> when = when(observation);
        if (when.isEmpty()) {
            return skipped(source, "no effective time and no issued time", v > 0);
        }
        return new Usable(new ScoreReading(v, when.get(), source, derivedFrom(observation)));
    }

    /** When the Observation was made, by the rule above. */
    public static Optional<Instant> when(Observation observation) {
        if (observation.hasEffectiveDateTimeType()) {
            Optional<Instant> at = ChartTimes.of(observation.getEffectiveDateTimeType());
            if (at.isPresent()) {
                return at;
            }
        }
        if (observation.hasEffectiveInstantType()) {
            Optional<Instant> at = ChartTimes.of(observation.getEffectiveInstantType());
            if (at.isPresent()) {
                return at;
            }
        }
        if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()) {
            Optional<Instant> at = ChartTimes.of(observation.getEffectivePeriod().getStartElement());
            if (at.isPresent()) {
                return at;
            }
        }
        return observation.hasIssued() ? ChartTimes.of(observation.getIssuedElement()) : Optional.empty();
    }

    private static Optional<Integer> value(Observation observation, boolean answerCodes) {
        if (!observation.hasValue()) {
            return Optional.empty();
        }
        if (observation.hasValueIntegerType()) {
            Integer v = observation.getValueIntegerType().getValue();
            if (v == null) {
                throw new IllegalArgumentException("valueInteger without a number");
            }
            return Optional.of(v);
        }
        if (observation.hasValueQuantity()) {
            return Optional.of(quantity(observation.getValueQuantity()));
        }
        if (answerCodes && observation.hasValueCodeableConcept()) {
            for (Coding coding : observation.getValueCodeableConcept().getCoding()) {
                Integer weight = Canonicals.LOINC.equals(coding.getSystem()) ? LL358_3.get(coding.getCode()) : null;
                if (weight != null) {
                    return Optional.of(weight);
                }
            }
            throw new IllegalArgumentException("valueCodeableConcept has no answer code of LOINC list LL358-3");
        }
        throw new IllegalArgumentException("value" + capitalised(observation.getValue().fhirType())
                + " is not a score");
    }

    private static int quantity(Quantity quantity) {
        if (!quantity.hasValue()) {
            throw new IllegalArgumentException("valueQuantity without a number");
        }
        String unit = quantity.hasCode() ? quantity.getCode() : quantity.hasUnit() ? quantity.getUnit() : "";
        if (!unit.isEmpty() && !"{score}".equals(unit) && !"1".equals(unit)) {
            throw new IllegalArgumentException("valueQuantity in '" + unit + "' is not a score");
        }
        BigDecimal value = quantity.getValue();
        if (value.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("valueQuantity " + value.toPlainString() + " is not a whole number");
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("valueQuantity " + value.toPlainString() + " is out of range");
        }
    }

    private static Optional<String> derivedFrom(Observation observation) {
        return observation.getDerivedFrom().stream()
                .map(Reference::getReferenceElement)
                .filter(r -> "QuestionnaireResponse".equals(r.getResourceType()) && r.getIdPart() != null)
                .map(r -> "QuestionnaireResponse/" + r.getIdPart())
                .findFirst();
    }

    private static Result skipped(String source, String reason, boolean doubtful) {
        return new Skipped(new SkippedRecord(source, reason, doubtful));
    }

    private static String capitalised(String type) {
        return type.isEmpty() ? type : Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }
}
