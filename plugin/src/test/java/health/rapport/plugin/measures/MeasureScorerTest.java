package health.rapport.plugin.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeasureScorerTest {

    private static final Map<Integer, String> LL358_3 = Map.of(0, "LA6568-5", 1, "LA6569-3", 2, "LA6570-1", 3, "LA6571-9");

    private final MeasureScorer scorer = new MeasureScorer();

    @Test
    void scoresTheShippedPhq9Example() {
        MeasureScore score = scorer.score(Fixtures.example("example-maya-phq9-baseline"));

        assertThat(score.instrument()).isEqualTo(Instrument.PHQ9);
        assertThat(score.total()).hasValue(16);
        assertThat(score.severity()).contains(Severity.MODERATELY_SEVERE);
        assertThat(score.item9()).hasValue(1);
        assertThat(score.safetySignal()).isTrue();
        assertThat(score.missingItems()).isEmpty();
        assertThat(score.answeredItems()).containsExactlyElementsOf(Instrument.PHQ9.itemLinkIds());
    }

    @Test
    void scoresTheShippedGad7Example() {
        MeasureScore score = scorer.score(Fixtures.example("example-maya-gad7-baseline"));

        assertThat(score.instrument()).isEqualTo(Instrument.GAD7);
        assertThat(score.total()).hasValue(11);
        assertThat(score.severity()).contains(Severity.MODERATE);
        assertThat(score.item9()).isEmpty();
        assertThat(score.safetySignal()).isFalse();
    }

    @ParameterizedTest(name = "PHQ-9 {0} -> {1}")
    @CsvSource({"0, MINIMAL", "4, MINIMAL", "5, MILD", "9, MILD", "10, MODERATE", "14, MODERATE",
            "15, MODERATELY_SEVERE", "19, MODERATELY_SEVERE", "20, SEVERE", "27, SEVERE"})
    void phq9BandBoundaries(int total, Severity band) {
        MeasureScore score = scorer.score(withTotal(Fixtures.example("example-maya-phq9-baseline"), Instrument.PHQ9, total));

        assertThat(score.total()).hasValue(total);
        assertThat(score.severity()).contains(band);
    }

    @ParameterizedTest(name = "GAD-7 {0} -> {1}")
    @CsvSource({"0, MINIMAL", "4, MINIMAL", "5, MILD", "9, MILD", "10, MODERATE", "14, MODERATE",
            "15, SEVERE", "21, SEVERE"})
    void gad7BandBoundaries(int total, Severity band) {
        MeasureScore score = scorer.score(withTotal(Fixtures.example("example-maya-gad7-baseline"), Instrument.GAD7, total));

        assertThat(score.total()).hasValue(total);
        assertThat(score.severity()).contains(band);
    }

    @Test
    void item9AloneStillRaisesTheSafetySignal() {
        MeasureScore score = scorer.score(Fixtures.response("measures", "phq9-item9-only"));

        assertThat(score.safetySignal()).isTrue();
        assertThat(score.item9()).hasValue(2);
        assertThat(score.total()).isEmpty();
        assertThat(score.severity()).isEmpty();
        assertThat(score.isComplete()).isFalse();
        assertThat(score.answeredItems()).containsExactly(Instrument.PHQ9_ITEM9);
        assertThat(score.missingItems()).hasSize(8).doesNotContain(Instrument.PHQ9_ITEM9);
    }

    @Test
    void aClientSentTotalIsIgnored() {
        MeasureScore score = scorer.score(Fixtures.response("measures", "phq9-wrong-total"));

        assertThat(score.total()).hasValue(5);
        assertThat(score.severity()).contains(Severity.MILD);
        assertThat(score.safetySignal()).isFalse();
    }

    @Test
    void ordinalValuesCountWhereTheCodeIsNotLoinc() {
        MeasureScore score = scorer.score(Fixtures.response("measures", "phq9-ordinal-only"));

        assertThat(score.total()).hasValue(19);
        assertThat(score.severity()).contains(Severity.MODERATELY_SEVERE);
        assertThat(score.item9()).hasValue(0);
        assertThat(score.safetySignal()).isFalse();
    }

    @Test
    void anOrdinalContradictingTheLoincCodeIsRefused() {
        assertThatThrownBy(() -> scorer.score(Fixtures.response("measures", "phq9-ordinal-conflict")))
                .isInstanceOf(UnscorableResponseException.class)
                .hasMessageContaining("44253-3")
                .hasMessageContaining("LA6571-9");
    }

    @Test
    void anAnswerOutsideTheListIsRefusedButItem9SurvivesInTheException() {
        assertThatThrownBy(() -> scorer.score(Fixtures.response("measures", "phq9-invalid-answer")))
                .asInstanceOf(type(UnscorableResponseException.class))
                .satisfies(e -> {
                    assertThat(e.problems()).singleElement().asString().contains("44250-9", "LA6572-7");
                    assertThat(e.item9()).hasValue(1);
                    assertThat(e.safetySignal()).isTrue();
                });
    }

    @Test
    void twoAnswersToOneItemAreRefused() {
        QuestionnaireResponse qr = Fixtures.example("example-maya-phq9-baseline");
        item(qr, "44252-5").addAnswer().setValue(new Coding("http://loinc.org", "LA6568-5", "Not at all"));

        assertThatThrownBy(() -> scorer.score(qr))
                .isInstanceOf(UnscorableResponseException.class)
                .hasMessageContaining("item 44252-5 has 2 answers");
    }

    @Test
    void aResponseWithNoScoredAnswerIsRefused() {
        QuestionnaireResponse qr = Fixtures.example("example-maya-gad7-baseline");
        qr.getItemFirstRep().getItem().forEach(i -> i.getAnswer().clear());

        assertThatThrownBy(() -> scorer.score(qr))
                .isInstanceOf(UnscorableResponseException.class)
                .hasMessageContaining("none of the 7 GAD-7 items is answered");
    }

    @Test
    void otherQuestionnairesAreNotMeasures() {
        QuestionnaireResponse inventory = Fixtures.example("example-maya-inventory");

        assertThat(scorer.instrumentOf(inventory)).isEmpty();
        assertThatThrownBy(() -> scorer.score(inventory))
                .isInstanceOf(UnscorableResponseException.class)
                .hasMessageContaining("interpersonal-inventory");
    }

    @Test
    void recognisesTheQuestionnaireWithOrWithoutVersion() {
        assertThat(Instrument.forQuestionnaire("https://rapport-ipt.org/fhir/Questionnaire/phq-9")).contains(Instrument.PHQ9);
        assertThat(Instrument.forQuestionnaire("https://rapport-ipt.org/fhir/Questionnaire/gad-7|0.1.0")).contains(Instrument.GAD7);
        assertThat(Instrument.forQuestionnaire("https://example.org/Questionnaire/phq-9")).isEmpty();
        assertThat(Instrument.forQuestionnaire(null)).isEmpty();
    }

    @Test
    void aTotalOutsideTheRangeHasNoBand() {
        assertThatThrownBy(() -> Severity.of(Instrument.GAD7, 22)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Severity.of(Instrument.PHQ9, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The example response with its item answers rewritten to add up to {@code total} (highest weights first). */
    static QuestionnaireResponse withTotal(QuestionnaireResponse qr, Instrument instrument, int total) {
        int left = total;
        List<String> items = instrument.itemLinkIds();
        for (String linkId : items) {
            int weight = Math.min(3, left);
            left -= weight;
            item(qr, linkId).getAnswerFirstRep().setValue(new Coding("http://loinc.org", LL358_3.get(weight), null));
        }
        assertThat(left).as("total %d fits %d items", total, items.size()).isZero();
        return qr;
    }

    static QuestionnaireResponseItemComponent item(QuestionnaireResponse qr, String linkId) {
        return qr.getItemFirstRep().getItem().stream().filter(i -> linkId.equals(i.getLinkId())).findFirst().orElseThrow();
    }
}
