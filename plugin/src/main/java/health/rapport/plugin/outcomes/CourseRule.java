package health.rapport.plugin.outcomes;

/** A course-based population criterion: the course is in the population or not. */
public interface CourseRule extends PopulationRule {

    boolean test(Course course);

    @Override
    default long count(Course course) {
        return test(course) ? 1 : 0;
    }
}
