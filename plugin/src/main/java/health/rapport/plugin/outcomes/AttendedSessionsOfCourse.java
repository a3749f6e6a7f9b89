package health.rapport.plugin.outcomes;

import java.util.Set;

/** Session-based population: each attended session of the course is one member. */
public final class AttendedSessionsOfCourse implements PopulationRule {

    @Override
    public Set<CourseData> reads() {
        return Set.of(CourseData.SESSIONS);
    }

    @Override
    public long count(Course course) {
        return course.attendedSessions().size();
    }
}
