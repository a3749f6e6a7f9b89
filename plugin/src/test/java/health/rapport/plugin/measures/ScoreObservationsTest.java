package health.rapport.plugin.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.rapport.plugin.fhir.Canonicals;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;

class ScoreObservationsTest {

    private final MeasureScorer scorer = new MeasureScorer();
    private final ScoreObservations observations = new ScoreObservations();

    private List<Observation> build(QuestionnaireResponse qr) {
        return observations.build(qr, scorer.score(qr));
    }

    @Test
    void phq9GivesTheTotalAndItem9AsTheShippedExamplesShowThem() {
        List<Observation> built = build(Fixtures.example("example-maya-phq9-baseline"));

        assertThat(built).hasSize(2);
        assertSameAsExample(built.get(0), "Observation-example-maya-phq9-baseline.json");
        assertSameAsExample(built.get(1), "Observation-example-maya-phq9-item9.json");
        built.forEach(Fixtures::assertValid);
    }

    @Test
    void gad7GivesOnlyTheTotal() {
        QuestionnaireResponse qr = Fixtures.example("example-maya-gad7-baseline");
        List<Observation> built = build(qr);

        assertThat(built).singleElement().satisfies(o -> {
            assertThat(o.getCode().getCodingFirstRep().getCode()).isEqualTo("70274-6");
            assertThat(o.getValueIntegerType().getValue()).isEqualTo(11);
            assertThat(o.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("moderate");
            assertThat(o.getEffectiveDateTimeType().getValueAsString()).isEqualTo(qr.getAuthoredElement().getValueAsString());
        });
        Fixtures.assertValid(built.get(0));
    }

    @Test
    void anIncompleteResponseStillRecordsItem9() {
        List<Observation> built = build(Fixtures.response("measures", "phq9-item9-only"));

        assertThat(built).singleElement().satisfies(o -> {
            assertThat(o.getCode().getCodingFirstRep().getCode()).isEqualTo(Instrument.PHQ9_ITEM9);
            assertThat(o.getValueIntegerType().getValue()).isEqualTo(2);
            assertThat(o.getStatus()).isEqualTo(ObservationStatus.PRELIMINARY);
        });
        Fixtures.assertValid(built.get(0));
    }

    @Test
    void everyBandBoundaryValidates() {
        for (int total : new int[] {0, 4, 5, 9, 10, 14, 15, 19, 20, 27}) {
            QuestionnaireResponse qr = MeasureScorerTest.withTotal(
                    Fixtures.example("example-maya-phq9-baseline"), Instrument.PHQ9, total);
            Fixtures.assertValid(build(qr).get(0));
        }
    }

    @Test
    void theValidatorCatchesAnImpossibleTotal() {
        Observation o = build(Fixtures.example("example-maya-phq9-baseline")).get(0);
        o.setValue(new org.hl7.fhir.r4.model.IntegerType(28));

        assertThat(health.rapport.fhir.testing.RapportValidator.errors(
                health.rapport.fhir.testing.RapportValidator.fromClasspath().validate(o)))
                .extracting(m -> m.getMessage()).anyMatch(m -> m.contains("rpt-score-1"));
    }

    @Test
    void identifiersComeFromTheResponseAndTheLoincCodeSoAnAmendedVersionUpdatesTheResult() {
        QuestionnaireResponse qr = Fixtures.example("example-maya-phq9-baseline");
        List<Observation> first = build(qr);
        List<Observation> again = build(qr);
        qr.getMeta().setVersionId("2");
        List<Observation> amended = build(qr);

        assertThat(first.get(0).getIdentifierFirstRep().getSystem()).isEqualTo(Canonicals.IDENTIFIER_SYSTEM);
        assertThat(first.get(0).getIdentifierFirstRep().getValue())
                .isEqualTo("QuestionnaireResponse/example-maya-phq9-baseline/44261-6");
        assertThat(first.get(1).getIdentifierFirstRep().getValue())
                .isEqualTo("QuestionnaireResponse/example-maya-phq9-baseline/44260-8");
        assertThat(again).zipSatisfy(first, (a, b) ->
                assertThat(a.getIdentifierFirstRep().getValue()).isEqualTo(b.getIdentifierFirstRep().getValue()));
        assertThat(amended.get(0).getIdentifierFirstRep().getValue())
                .isEqualTo(first.get(0).getIdentifierFirstRep().getValue());
        assertThat(SourceResponse.ifNoneExist(first.get(0).getIdentifierFirstRep()))
                .isEqualTo("identifier=https%3A%2F%2Frapport-ipt.org%2Ffhir%2Fidentifier%7C"
                        + "QuestionnaireResponse%2Fexample-maya-phq9-baseline%2F44261-6");
    }

    @Test
    void aResponseNeverStoredCannotGiveIdempotentObservations() {
        QuestionnaireResponse qr = Fixtures.example("example-maya-phq9-baseline");
        qr.getMeta().setVersionId(null);

        assertThatThrownBy(() -> build(qr)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("meta.versionId");
    }

    @Test
    void aResponseWithoutAuthoredTimeIsRefusedKeepingItem9() {
        QuestionnaireResponse qr = Fixtures.example("example-maya-phq9-baseline");
        qr.setAuthored(null);

        assertThatThrownBy(() -> build(qr))
                .isInstanceOfSatisfying(UnscorableResponseException.class, e -> {
                    assertThat(e.getMessage()).contains("authored");
                    assertThat(e.safetySignal()).isTrue();
                });
    }

    // The produced Observation equals the shipped example except for what only a server gives (id)
    // and what only Rapport adds (the identifier); the example's narrative is not reproduced.
    private static void assertSameAsExample(Observation built, String exampleFile) {
        Observation expected = Fixtures.shippedExample(exampleFile, Observation.class);
        expected.setId((String) null);
        expected.setText(null);
        Observation actual = built.copy();
        actual.getIdentifier().clear();
        assertThat(actual.equalsDeep(expected))
                .as("%s%nexpected %s%nactual   %s", exampleFile, encode(expected), encode(actual))
                .isTrue();
    }

    private static String encode(Observation o) {
        return health.rapport.fhir.testing.RapportFhir.context().newJsonParser().encodeResourceToString(o);
    }
}
