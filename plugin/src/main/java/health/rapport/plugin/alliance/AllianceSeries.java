package health.rapport.plugin.alliance;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.ChartTimes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;

/**
 * A patient's session alliance scores in time order, read from Observations: final, amended or
 * corrected ones with Rapport's code, an integer 0–12 and a time; anything else is left out.
 */
public final class AllianceSeries {

    private AllianceSeries() {
    }

    public static List<AllianceReading> of(List<Observation> observations) {
        return observations.stream()
                .filter(o -> o.getCode().getCoding().stream().anyMatch(c -> Canonicals.CS_OBSERVATION.equals(c.getSystem())
                        && AllianceScore.CODE.equals(c.getCode())))
                .filter(o -> o.getStatus() == Observation.ObservationStatus.FINAL
                        || o.getStatus() == Observation.ObservationStatus.AMENDED
                        || o.getStatus() == Observation.ObservationStatus.CORRECTED)
                .filter(o -> o.getValue() instanceof IntegerType i && i.getValue() != null && i.getValue() >= 0
                        && i.getValue() <= AllianceScore.MAX)
                .map(o -> when(o).map(at -> new AllianceReading(at, ((IntegerType) o.getValue()).getValue())))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(AllianceReading::when))
                .toList();
    }

    private static Optional<java.time.Instant> when(Observation o) {
        if (o.getEffective() instanceof org.hl7.fhir.r4.model.DateTimeType dt) {
            return ChartTimes.of(dt);
        }
        if (o.getEffective() instanceof org.hl7.fhir.r4.model.InstantType i) {
            return ChartTimes.of(i);
        }
        if (o.getEffective() instanceof org.hl7.fhir.r4.model.Period p && p.hasStart()) {
            return ChartTimes.of(p.getStartElement());
        }
        return Optional.empty();
    }
}
