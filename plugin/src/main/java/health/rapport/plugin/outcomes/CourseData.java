package health.rapport.plugin.outcomes;

/**
 * What a rule reads of a course besides its CarePlan: each is one cohort-wide paged search, so a Measure
 * asks only for what its rules read (the dropout and fidelity Measures read no more than the plans).
 */
public enum CourseData {
    /** The session Encounters. */
    SESSIONS,
    /** The PHQ-9 and GAD-7 totals. */
    SCORES,
    /** The session feedback responses. */
    FEEDBACK
}
