package health.rapport.plugin.cds;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.alliance.AllianceRule;
import health.rapport.plugin.alliance.AllianceWarning;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class AllianceCardRuleTest {

    private final AllianceCardRule rule = new AllianceCardRule(new AllianceRule(6, 3));
    private final CardContext context = new CardContext(Instant.parse("2026-02-16T00:00:00Z"), "https://rapport.example.org/app/launch");

    @Test
    void aDropFromThePatientsOwnMeanIsAWarningWithTheRepairOptions() {
        List<Card> cards = rule.cards(chart(true), context);
        assertThat(cards).singleElement().satisfies(card -> {
            assertThat(card.summary()).isEqualTo(AllianceWarning.HEADLINE);
            assertThat(card.indicator()).isEqualTo(Card.Indicator.WARNING);
            assertThat(card.detail()).contains("3.5 below the patient's own mean of 10.5").contains("metacommunication");
            assertThat(card.links()).singleElement().satisfies(l -> assertThat(l.appContext()).isEqualTo("carePlan=CarePlan/p1-course"));
        });
    }

    @Test
    void withoutAnOpenCourseThereIsNoAllianceCard() {
        assertThat(rule.cards(chart(false), context)).isEmpty();
        assertThat(rule.needs()).contains(PrefetchQuery.ALLIANCE_SCORES, PrefetchQuery.CARE_PLAN);
    }

    private static ChartData chart(boolean course) {
        List<Resource> scores = List.of(CdsFixtures.load("Observation-p1-alliance-3.json"),
                CdsFixtures.load("Observation-p1-alliance-1.json"), CdsFixtures.load("Observation-p1-alliance-2.json"));
        return new ChartData("p1", Map.of(PrefetchQuery.ALLIANCE_SCORES.key(), scores,
                PrefetchQuery.CARE_PLAN.key(), course ? List.of(CdsFixtures.load("CarePlan-p1-course.json")) : List.of()), Set.of());
    }
}
