package health.rapport.plugin.alliance;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.fhir.Canonicals;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class AllianceSeriesTest {

    @Test
    void oneScorePerFormTheNewestVersionsInTimeOrderAndUnusableOnesLeftOut() {
        List<AllianceReading> series = AllianceSeries.of(List.of(
                score("a1", "QuestionnaireResponse/f2", "2026-11-09T10:00:00Z", 9, 1000),
                score("a2", "QuestionnaireResponse/f1", "2026-11-02T10:00:00Z", 11, 1000),
                score("a3", "QuestionnaireResponse/f2/_history/2", "2026-11-09T10:00:00Z", 5, 2000),
                score("a4", "QuestionnaireResponse/f3", "2026-11-16T10:00:00Z", 13, 1000),
                score("a5", "QuestionnaireResponse/f4", null, 10, 1000)));
        assertThat(series).extracting(AllianceReading::score).containsExactly(11, 5);
    }

    private static Observation score(String id, String form, String when, int value, long updated) {
        Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding(Canonicals.CS_OBSERVATION, AllianceScore.CODE, null)))
                .setValue(new IntegerType(value));
        o.setId(id);
        o.getMeta().setLastUpdated(new Date(updated));
        o.addDerivedFrom(new Reference(form));
        if (when != null) {
            o.setEffective(new DateTimeType(when));
        }
        return o;
    }
}
