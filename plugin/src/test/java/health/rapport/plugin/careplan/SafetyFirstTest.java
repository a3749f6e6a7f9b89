package health.rapport.plugin.careplan;

import static health.rapport.plugin.testsupport.FakeFhir.written;
import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.testsupport.FakeFhir;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * PHQ-9 item 9 on its own, before anything else ({@code careplan/respond/phq9-item9-positive/}): which responses it
 * is recorded for, and that an amended answer updates the one Observation rather than adding a second.
 */
class SafetyFirstTest {

    private static final String CASE = "careplan/respond/phq9-item9-positive";

    private static QuestionnaireResponse response() {
        return FakeFhir.fixture(CASE + "/QuestionnaireResponse-phq9-s4.json", QuestionnaireResponse.class);
    }

    @Test
    void aCompletedPhq9WritesItemNineAndItsProvenanceAlone() {
        FakeFhir fhir = FakeFhir.of(CASE);

        Optional<Reference> written = new SafetyFirst(fhir.store(), "0.1.0").record(response(), null);

        assertThat(written).isPresent();
        Bundle sent = fhir.onlyTransaction();
        assertThat(sent.getEntry()).extracting(e -> e.getResource().fhirType()).containsExactly("Observation", "Provenance");
        Observation item9 = written(sent, Observation.class).get(0);
        assertThat(item9.getCode().getCoding()).anyMatch(c -> Canonicals.LOINC.equals(c.getSystem())
                && Instrument.PHQ9_ITEM9.equals(c.getCode()));
        assertThat(item9.getValueIntegerType().getValue()).isEqualTo(1);
        assertThat(item9.getDerivedFromFirstRep().getReference()).isEqualTo("QuestionnaireResponse/phq9-s4");
        assertThat(written(sent, Provenance.class).get(0).getMeta().getTag())
                .anyMatch(t -> "safety/phq9-s4/1".equals(t.getCode()));
    }

    @Test
    void aFormInProgressOrAnotherMeasureWritesNothing() {
        FakeFhir fhir = FakeFhir.of(CASE);
        SafetyFirst safety = new SafetyFirst(fhir.store(), "0.1.0");

        QuestionnaireResponse inProgress = response().setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
        QuestionnaireResponse gad7 = response().setQuestionnaire(Canonicals.BASE + "/Questionnaire/gad-7|0.1.0");
        QuestionnaireResponse unanswered = response();
        unanswered.getItemFirstRep().getItem().removeIf(i -> Instrument.PHQ9_ITEM9.equals(i.getLinkId()));

        assertThat(safety.record(inProgress, null)).isEmpty();
        assertThat(safety.record(gad7, null)).isEmpty();
        assertThat(safety.record(unanswered, null)).as("no answer, no item-9 reading").isEmpty();
        assertThat(fhir.transactions()).isEmpty();
    }

    @Test
    void anAmendedAnswerUpdatesTheItemNineObservationOfTheFirstVersion() {
        FakeFhir fhir = FakeFhir.of(CASE);
        SafetyFirst safety = new SafetyFirst(fhir.store(), "0.1.0");
        safety.record(response(), null);
        QuestionnaireResponse amended = response().setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED);
        amended.getMeta().setVersionId("2");
        amended.getItemFirstRep().getItem().stream().filter(i -> Instrument.PHQ9_ITEM9.equals(i.getLinkId())).findFirst()
                .orElseThrow().getAnswerFirstRep().getValueCoding().setCode("LA6568-5");

        safety.record(amended, null);

        Bundle second = fhir.transactions().get(1);
        assertThat(second.getEntryFirstRep().getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
        Observation updated = written(second, Observation.class).get(0);
        assertThat(updated.getValueIntegerType().getValue()).as("not at all").isZero();
        assertThat(updated.getStatus()).isEqualTo(Observation.ObservationStatus.AMENDED);
    }
}
