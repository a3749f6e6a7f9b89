package health.rapport.plugin.outcomes;

import java.util.Set;

/** The number of attended sessions the course recorded (the course's own "session n"). */
public final class SessionsAttended implements ObservationRule {

    @Override
    public Set<CourseData> reads() {
        return Set.of(CourseData.SESSIONS);
    }

    @Override
    public int observe(Course course) {
        return course.attendedSessions().size();
    }
}
