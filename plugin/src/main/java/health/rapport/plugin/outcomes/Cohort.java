package health.rapport.plugin.outcomes;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which courses a report covers: those that ended within the period (both days included), optionally only
 * one clinician's (the plan's author) and only the members of a Group.
 *
 * @param practitioner a Practitioner id
 * @param patients {@code Patient/[id]} references of the Group's members
 */
public record Cohort(LocalDate periodStart, LocalDate periodEnd, Optional<String> practitioner,
        Optional<Set<String>> patients) {

    public Cohort {
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        if (periodEnd.isBefore(periodStart)) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
        patients = patients.map(Set::copyOf);
    }

    boolean covers(LocalDate end) {
        return !end.isBefore(periodStart) && !end.isAfter(periodEnd);
    }
}
