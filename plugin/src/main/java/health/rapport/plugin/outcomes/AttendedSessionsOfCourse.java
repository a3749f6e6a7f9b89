package health.rapport.plugin.outcomes;

/** Session-based population: each attended session of the course is one member. */
public final class AttendedSessionsOfCourse implements PopulationRule {

    @Override
    public long count(Course course) {
        return course.attendedSessions().size();
    }
}
