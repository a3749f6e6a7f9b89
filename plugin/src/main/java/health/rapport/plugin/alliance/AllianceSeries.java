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
 * corrected ones with Rapport's code, an integer 0–12 and a time; anything else is left out. One
 * score per feedback form: an amended form's versions each leave a score, and the newest one
 * (last updated) stands for the form.
 */
public final class AllianceSeries {

    private AllianceSeries() {
    }

    public static List<AllianceReading> of(List<Observation> observations) {
        java.util.Map<String, Observation> perForm = new java.util.LinkedHashMap<>();
        for (Observation o : observations) {
            String form = o.getDerivedFrom().stream().map(r -> r.getReferenceElement().toUnqualifiedVersionless().getValue())
                    .filter(r -> r != null && r.startsWith("QuestionnaireResponse/")).findFirst()
                    .orElse("Observation/" + o.getIdElement().getIdPart() + "#" + perForm.size());
            perForm.merge(form, o, AllianceSeries::newer);
        }
        return perForm.values().stream()
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

    private static Observation newer(Observation a, Observation b) {
        java.util.Date ua = a.getMeta().getLastUpdated();
        java.util.Date ub = b.getMeta().getLastUpdated();
        return ua != null && (ub == null || ua.after(ub)) ? a : b;
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
