package health.rapport.plugin.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.api.Test;

/** The one rule for showing a date: the calendar day as recorded. */
class ChartTimesDayTest {

    @Test
    void theDayIsTheRecordedOneWhateverTheOffset() {
        assertThat(ChartTimes.day("2024-03-31T23:30:00+10:00")).isEqualTo("2024-03-31");
        assertThat(ChartTimes.day("2024-03-31T00:30:00-05:00")).isEqualTo("2024-03-31");
        assertThat(ChartTimes.day(new DateTimeType("2024-03-31T23:30:00+10:00"))).isEqualTo("2024-03-31");
    }

    @Test
    void partialAndMissingDatesStayWhatTheyAre() {
        assertThat(ChartTimes.day("2024-03")).isEqualTo("2024-03");
        assertThat(ChartTimes.day((String) null)).isEmpty();
        assertThat(ChartTimes.day(new DateTimeType())).isEmpty();
        assertThat(ChartTimes.day((DateTimeType) null)).isEmpty();
    }

    @Test
    void anInstantIsShownOnItsUtcDay() {
        assertThat(ChartTimes.day(Instant.parse("2024-03-31T23:30:00Z"))).isEqualTo("2024-03-31");
        assertThat(ChartTimes.day(ChartTimes.of(new DateTimeType("2024-04-01T08:00:00+10:00")).orElseThrow()))
                .isEqualTo("2024-03-31");
    }
}
