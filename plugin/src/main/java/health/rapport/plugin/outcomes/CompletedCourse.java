package health.rapport.plugin.outcomes;

import health.rapport.plugin.careplan.CourseEnding;

/** The course went through its termination phase and was completed: it ended with the clinician's agreement. */
public final class CompletedCourse implements CourseRule {

    @Override
    public boolean test(Course course) {
        return course.ending() == CourseEnding.COMPLETED;
    }
}
