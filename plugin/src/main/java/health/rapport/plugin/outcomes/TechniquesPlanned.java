package health.rapport.plugin.outcomes;

/** The course's plan holds at least one activity of an IPT technique (planned from its problem area). */
public final class TechniquesPlanned implements CourseRule {

    @Override
    public boolean test(Course course) {
        return !PlannedTechniques.of(course.plan()).isEmpty();
    }
}
