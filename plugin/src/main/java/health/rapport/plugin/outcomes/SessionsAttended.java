package health.rapport.plugin.outcomes;

/** The number of attended sessions the course recorded (the course's own "session n"). */
public final class SessionsAttended implements ObservationRule {

    @Override
    public int observe(Course course) {
        return course.attendedSessions().size();
    }
}
