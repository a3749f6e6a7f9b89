package health.rapport.plugin.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TreatmentResponseEvaluatorTest {

    private final TreatmentResponseEvaluator evaluator = new TreatmentResponseEvaluator();

    private TreatmentResponse phq9(int currentSession, SessionScore... scores) {
        return evaluator.evaluate(Instrument.PHQ9, List.of(scores), currentSession);
    }

    @Test
    void aBaselineAloneIsJustTheBaseline() {
        TreatmentResponse r = phq9(1, new SessionScore(1, 16));

        assertThat(r.status()).isEqualTo(ResponseStatus.BASELINE);
        assertThat(r.suggestions()).isEmpty();
        assertThat(r.reasons()).singleElement().asString().contains("Baseline PHQ-9 16");
    }

    @Test
    void halfTheBaselineIsAResponse() {
        TreatmentResponse r = phq9(4, new SessionScore(1, 16), new SessionScore(2, 14), new SessionScore(4, 8));

        assertThat(r.status()).isEqualTo(ResponseStatus.RESPONSE);
        assertThat(r.percentReduction()).hasValue(50);
        assertThat(r.baseline()).isEqualTo(new SessionScore(1, 16));
        assertThat(r.latest()).isEqualTo(new SessionScore(4, 8));
        assertThat(r.reasons()).containsExactly(
                "PHQ-9 8 at session 4 against a baseline of 16 at session 1, 50 % lower.",
                "Response: at least 50 % below baseline.",
                "Reliable recovery: from the clinical threshold (10) at baseline to below it, with a reliable improvement.");
        assertThat(r.reliableChange()).hasValue(ReliableChange.RELIABLE_RECOVERY);
        assertThat(r.suggestions()).isEmpty();
    }

    @Test
    void belowFiveIsRemission() {
        TreatmentResponse r = phq9(8, new SessionScore(1, 16), new SessionScore(8, 4));

        assertThat(r.status()).isEqualTo(ResponseStatus.REMISSION);
        assertThat(r.reasons()).contains("Remission: PHQ-9 is below 5.");
    }

    @Test
    void gad7UsesTheSameRemissionThreshold() {
        TreatmentResponse r = evaluator.evaluate(Instrument.GAD7, List.of(new SessionScore(1, 11), new SessionScore(5, 4)), 5);

        assertThat(r.status()).isEqualTo(ResponseStatus.REMISSION);
    }

    @Test
    void noResponseByTheReviewSessionIsNonResponseWithAdaptations() {
        TreatmentResponse r = phq9(6, new SessionScore(1, 16), new SessionScore(6, 12));

        assertThat(r.status()).isEqualTo(ResponseStatus.NON_RESPONSE);
        assertThat(r.percentReduction()).hasValue(25);
        assertThat(r.reasons()).containsExactly(
                "PHQ-9 12 at session 6 against a baseline of 16 at session 1, 25 % lower.",
                "Non-response: no 50 % reduction by session 6 (now session 6); consider adapting the plan.",
                "No reliable change (less than 6 points either way).");
        assertThat(r.suggestions()).extracting(AdaptationSuggestion::kind).containsExactly(
                AdaptationSuggestion.Kind.REVISIT_PROBLEM_AREA,
                AdaptationSuggestion.Kind.ADD_INTEGRATIVE_COMPONENT,
                AdaptationSuggestion.Kind.CONSIDER_OTHER_TREATMENT);
        assertThat(r.suggestions().get(1).options()).extracting(Coding::getCode)
                .containsExactly("routine-client-feedback", "alliance-rupture-repair", "behavioural-activation");
    }

    @Test
    void theReviewSessionIsConfigurable() {
        TreatmentResponse r = new TreatmentResponseEvaluator(4).evaluate(Instrument.PHQ9,
                List.of(new SessionScore(1, 16), new SessionScore(4, 12)), 4);

        assertThat(r.status()).isEqualTo(ResponseStatus.NON_RESPONSE);
        assertThat(r.reasons().get(1)).contains("by session 4");
    }

    @Test
    void beforeTheReviewSessionItIsTooEarlyToJudge() {
        assertThat(phq9(4, new SessionScore(1, 16), new SessionScore(4, 12)).status()).isEqualTo(ResponseStatus.IMPROVING);
        assertThat(phq9(4, new SessionScore(1, 16), new SessionScore(4, 18)).status()).isEqualTo(ResponseStatus.WORSENING);
        TreatmentResponse same = phq9(5, new SessionScore(1, 16), new SessionScore(4, 16));
        assertThat(same.status()).isEqualTo(ResponseStatus.NO_CHANGE);
        assertThat(same.status().coding().getCode()).isEqualTo("no-change");
        assertThat(same.reasons().get(1)).isEqualTo(
                "Too early to judge response: session 5 of the review at session 6; no change so far.");
        assertThat(same.suggestions()).isEmpty();
    }

    @Test
    void worseningPastTheReviewSessionIsNonResponse() {
        TreatmentResponse r = phq9(7, new SessionScore(1, 16), new SessionScore(7, 20));

        assertThat(r.status()).isEqualTo(ResponseStatus.NON_RESPONSE);
        assertThat(r.reasons().get(0)).endsWith("25 % higher.");
    }

    @Test
    void theEarliestSessionIsTheBaselineWhateverTheOrder() {
        TreatmentResponse r = phq9(6, new SessionScore(6, 7), new SessionScore(1, 14));

        assertThat(r.baseline().total()).isEqualTo(14);
        assertThat(r.status()).isEqualTo(ResponseStatus.RESPONSE);
    }

    @Test
    void aBaselineBelowCasenessIsNeverJudgedAsResponseRemissionOrNonResponse() {
        // PHQ-9 3 -> 3 at session 6 was once called non-response, with a medication review suggested.
        TreatmentResponse r = phq9(6, new SessionScore(1, 3), new SessionScore(6, 3));

        assertThat(r.status()).isEqualTo(ResponseStatus.BELOW_CASENESS);
        assertThat(r.suggestions()).isEmpty();
        assertThat(r.reasons()).contains("The baseline was below the clinical threshold (PHQ-9 10), so response and "
                + "remission are not judged.");
        assertThat(phq9(6, new SessionScore(1, 9), new SessionScore(6, 4)).status()).isEqualTo(ResponseStatus.BELOW_CASENESS);
        assertThat(phq9(6, new SessionScore(1, 0), new SessionScore(6, 0)).percentReduction()).isEmpty();
    }

    @Test
    void aMeasureOverdueAtTheReviewSessionIsSaid() {
        TreatmentResponse r = phq9(6, new SessionScore(1, 16));

        assertThat(r.status()).isEqualTo(ResponseStatus.BASELINE);
        assertThat(r.reasons()).contains("Response is judged by session 6: a PHQ-9 is due.");
    }

    @Test
    void refusesSeriesItCannotJudge() {
        assertThatThrownBy(() -> phq9(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> phq9(3, new SessionScore(4, 10))).hasMessageContaining("later than the current session");
        assertThatThrownBy(() -> evaluator.evaluate(Instrument.GAD7, List.of(new SessionScore(1, 22)), 1))
                .hasMessageContaining("above 21");
        assertThatThrownBy(() -> new TreatmentResponseEvaluator(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(ResponseStatus.class)
    void statusCodesExistInTheShippedCodeSystem(ResponseStatus status) {
        Map<String, String> concepts = concepts("CodeSystem-measure-response-status.json");
        Coding c = status.coding();
        assertThat(concepts).containsEntry(c.getCode(), c.getDisplay());
    }

    @Test
    void suggestedCodesExistInTheShippedCodeSystems() {
        Map<String, Map<String, String>> bySystem = Map.of(
                "https://rapport-ipt.org/fhir/CodeSystem/integrative-intervention", concepts("CodeSystem-integrative-intervention.json"),
                "https://rapport-ipt.org/fhir/CodeSystem/ipt-task", concepts("CodeSystem-ipt-task.json"));
        TreatmentResponse r = phq9(6, new SessionScore(1, 16), new SessionScore(6, 15));
        for (AdaptationSuggestion s : r.suggestions()) {
            for (Coding c : s.options()) {
                assertThat(bySystem).containsKey(c.getSystem());
                assertThat(bySystem.get(c.getSystem())).containsEntry(c.getCode(), c.getDisplay());
            }
        }
    }

    private static Map<String, String> concepts(String file) {
        CodeSystem cs = Fixtures.content(file, CodeSystem.class);
        return cs.getConcept().stream().collect(Collectors.toMap(ConceptDefinitionComponent::getCode, ConceptDefinitionComponent::getDisplay));
    }

    @Test
    void aRiseOfSixPhq9PointsIsReliableDeteriorationAtAnySession() {
        TreatmentResponse r = phq9(2, new SessionScore(1, 11), new SessionScore(2, 17));

        assertThat(r.status()).isEqualTo(ResponseStatus.WORSENING);
        assertThat(r.deteriorated()).isTrue();
        assertThat(r.reasons()).anyMatch(reason -> reason.startsWith("Reliable deterioration: 6 points above baseline"));
        assertThat(phq9(2, new SessionScore(1, 11), new SessionScore(2, 16)).deteriorated()).isFalse();
    }

    @Test
    void belowCasenessAReliableDeteriorationIsStillFlagged() {
        TreatmentResponse r = phq9(6, new SessionScore(1, 3), new SessionScore(3, 12));

        assertThat(r.status()).isEqualTo(ResponseStatus.BELOW_CASENESS);
        assertThat(r.reliableChange()).hasValue(ReliableChange.DETERIORATION);
    }

    @Test
    void gad7UsesItsOwnCasenessAndReliableChangeThresholds() {
        TreatmentResponseEvaluator evaluator = new TreatmentResponseEvaluator(6);
        TreatmentResponse improved = evaluator.evaluate(Instrument.GAD7,
                java.util.List.of(new SessionScore(1, 8), new SessionScore(3, 4)), 3);
        assertThat(improved.reliableChange()).hasValue(ReliableChange.RELIABLE_RECOVERY);
        assertThat(improved.status()).isEqualTo(ResponseStatus.REMISSION);
        TreatmentResponse below = evaluator.evaluate(Instrument.GAD7,
                java.util.List.of(new SessionScore(1, 7), new SessionScore(3, 3)), 3);
        assertThat(below.status()).isEqualTo(ResponseStatus.BELOW_CASENESS);
        assertThat(below.reliableChange()).hasValue(ReliableChange.IMPROVEMENT);
    }
}
