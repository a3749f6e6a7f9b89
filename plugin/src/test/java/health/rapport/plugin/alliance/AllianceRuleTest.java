package health.rapport.plugin.alliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllianceRuleTest {

    private final AllianceRule rule = new AllianceRule(6, 3);

    @Test
    void aLowScoreIsFlaggedEvenAtTheFirstSession() {
        assertThat(rule.check(series(6))).hasValueSatisfying(w -> assertThat(w.reason()).contains("6 of 12", "low mark of 6"));
        assertThat(rule.check(series(7))).isEmpty();
    }

    @Test
    void aDropFromThePatientsOwnMeanIsFlaggedOnceThereAreTwoEarlierScores() {
        assertThat(rule.check(series(11, 8))).as("one earlier score is no baseline").isEmpty();
        assertThat(rule.check(series(11, 11, 8))).hasValueSatisfying(w -> assertThat(w.reason())
                .contains("3.0 below the patient's own mean of 11.0 over 2 earlier sessions"));
        assertThat(rule.check(series(11, 10, 9))).as("1.5 below the mean").isEmpty();
        assertThat(rule.check(List.of())).isEmpty();
    }

    private static List<AllianceReading> series(int... scores) {
        List<AllianceReading> out = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            out.add(new AllianceReading(Instant.parse("2026-02-01T10:00:00Z").plusSeconds(7L * 86400 * i), scores[i]));
        }
        return out;
    }
}
