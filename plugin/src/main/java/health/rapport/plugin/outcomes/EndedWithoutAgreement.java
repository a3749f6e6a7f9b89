package health.rapport.plugin.outcomes;

import health.rapport.plugin.careplan.CourseEnding;

/** Dropout: the course ended before termination without the clinician's agreement (reason ended-without-agreement). */
public final class EndedWithoutAgreement implements CourseRule {

    @Override
    public boolean test(Course course) {
        return course.ending() == CourseEnding.WITHOUT_AGREEMENT;
    }
}
