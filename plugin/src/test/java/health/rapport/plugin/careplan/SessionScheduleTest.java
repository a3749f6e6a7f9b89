package health.rapport.plugin.careplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionScheduleTest {

    @Test
    void theManualsSixteenSessionsKeepTheirPhases() {
        SessionSchedule schedule = new SessionSchedule(16);

        assertThat(schedule.phase(IptPhase.INITIAL)).containsExactly(1, 3);
        assertThat(schedule.phase(IptPhase.MIDDLE)).containsExactly(4, 13);
        assertThat(schedule.phase(IptPhase.TERMINATION)).containsExactly(14, 16);
        assertThat(schedule.scale(IptPhase.INITIAL, 1, 1)).containsExactly(1, 1);
        assertThat(schedule.scale(IptPhase.TERMINATION, 16, 16)).containsExactly(16, 16);
    }

    @ParameterizedTest
    @CsvSource({"8, 2, 6", "12, 2, 10", "16, 3, 13", "20, 4, 16"})
    void phasesScaleAndTileTheWholeCourse(int sessions, int initialEnd, int middleEnd) {
        SessionSchedule schedule = new SessionSchedule(sessions);

        assertThat(schedule.phase(IptPhase.INITIAL)).containsExactly(1, initialEnd);
        assertThat(schedule.phase(IptPhase.MIDDLE)).containsExactly(initialEnd + 1, middleEnd);
        assertThat(schedule.phase(IptPhase.TERMINATION)).containsExactly(middleEnd + 1, sessions);
        for (int session = 1; session <= sessions; session++) {
            int[] range = schedule.phase(schedule.phaseOf(session));
            assertThat(session).isBetween(range[0], range[1]);
        }
    }

    @Test
    void aFinalMeasureStaysInTheLastSessionOfAShortCourse() {
        SessionSchedule brief = new SessionSchedule(8);

        assertThat(brief.scale(IptPhase.TERMINATION, 16, 16)).containsExactly(8, 8);
        assertThat(brief.scale(IptPhase.INITIAL, 1, 1)).containsExactly(1, 1);
        assertThat(brief.scale(IptPhase.MIDDLE, 4, 13)).containsExactly(3, 6);
    }

    @Test
    void coursesOutsideEightToTwentySessionsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionSchedule(7));
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionSchedule(21));
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionSchedule(16).phase(IptPhase.MAINTENANCE));
    }
}
