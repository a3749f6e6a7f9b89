package health.rapport.plugin.outcomes;

/** The measure observation of a continuous-variable Measure: one value per course of the measure population. */
public interface ObservationRule {

    int observe(Course course);
}
