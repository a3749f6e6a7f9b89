package health.rapport.plugin.sessions;

import health.rapport.plugin.fhir.ChartTimes;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Procedure;

/**
 * A recorded session as the FHIR server now holds it.
 *
 * @param session   the session Encounter
 * @param delivered the session's delivered interventions (withdrawn ones left out)
 * @param carePlan  the course's plan after the write
 * @param attended  the course's attended sessions, this one included
 */
public record SessionOutcome(Encounter session, List<Procedure> delivered, CarePlan carePlan, int attended) {

    public SessionOutcome {
        delivered = List.copyOf(delivered);
    }

    /** The record in one sentence, for the caller and the panel. */
    public String summary() {
        String day = ChartTimes.day(session.getPeriod().getStartElement());
        return CourseSessions.number(session)
                .map(n -> "Session " + n + " (" + day + ") recorded as attended, with " + delivered.size()
                        + " intervention(s) delivered; " + attended + " session(s) attended in the course.")
                .orElseGet(() -> "Session of " + day + " recorded as not held ("
                        + Attendance.of(session).map(Attendance::display).orElse("not attended") + ").");
    }
}
