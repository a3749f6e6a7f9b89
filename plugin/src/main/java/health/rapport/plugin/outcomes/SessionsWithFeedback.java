package health.rapport.plugin.outcomes;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The attended sessions followed by a session feedback response: one authored at or after the session's
 * start and before the next attended session (the last session: by the end of the course's last day).
 * Rapport's feedback form names no Encounter, so the time decides; each response counts for one session.
 */
public final class SessionsWithFeedback implements PopulationRule {

    @Override
    public Set<CourseData> reads() {
        return Set.of(CourseData.SESSIONS, CourseData.FEEDBACK);
    }

    @Override
    public long count(Course course) {
        List<Instant> sessions = course.attendedSessions();
        List<Instant> feedback = course.feedback();
        Instant last = course.end() == null ? Instant.MAX
                : course.end().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        long count = 0;
        int next = 0;
        for (int i = 0; i < sessions.size(); i++) {
            Instant from = sessions.get(i);
            Instant until = i + 1 < sessions.size() ? sessions.get(i + 1) : last;
            while (next < feedback.size() && feedback.get(next).isBefore(from)) {
                next++;
            }
            if (next < feedback.size() && feedback.get(next).isBefore(until)) {
                count++;
                next++;
            }
        }
        return count;
    }
}
