package health.rapport.plugin.outcomes;

/**
 * The course ended within the reporting period, whichever way: completed through termination, or ended
 * early (with or without the clinician's agreement). The period itself is applied when the courses are read.
 */
public final class EndedCourse implements CourseRule {

    @Override
    public boolean test(Course course) {
        return course.end() != null;
    }
}
