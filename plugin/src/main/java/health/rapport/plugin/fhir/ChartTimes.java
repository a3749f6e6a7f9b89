package health.rapport.plugin.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * Reads FHIR date and time values as instants, so that answers from systems in different time
 * zones are compared by when they happened, never as strings. A value without an offset (a date,
 * or a dateTime some systems send without one) is read as UTC; a partial date as its first moment.
 * Also the one rule for showing a date to a person ({@link #day}): the calendar day as recorded.
 */
public final class ChartTimes {

    private ChartTimes() {
    }

    public static Optional<Instant> of(BaseDateTimeType value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return parse(value.getValueAsString());
    }

    /**
     * The calendar day of a FHIR date or dateTime as it was recorded ({@code 2024-03-31} of
     * {@code 2024-03-31T23:30:00+10:00}), never moved to another time zone: a session on the evening
     * of the 31st is shown on the 31st wherever it is read. A partial date stays partial; none is "".
     */
    public static String day(String fhirDateTime) {
        return fhirDateTime == null ? "" : fhirDateTime.substring(0, Math.min(10, fhirDateTime.length()));
    }

    /** {@link #day(String)} of an element ("" when it is absent or empty). */
    public static String day(BaseDateTimeType value) {
        return value == null || value.isEmpty() ? "" : day(value.getValueAsString());
    }

    /**
     * The UTC calendar day of an instant, for values already read as instants ({@link #of}), whose
     * recorded offset is gone.
     */
    public static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            // Fall through to the partial forms.
        }
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notLocal) {
            // Fall through.
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notDate) {
            // Fall through.
        }
        try {
            return Optional.of(YearMonth.parse(text).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notMonth) {
            // Fall through.
        }
        try {
            return Optional.of(Year.parse(text).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notYear) {
            return Optional.empty();
        }
    }
}
