package health.rapport.plugin.outcomes;

import java.util.List;
import org.hl7.fhir.r4.model.Coding;

/** A Measure's stratifier: the strata a course belongs to (none, one or several). */
public interface StratifierRule {

    List<Coding> strata(Course course);
}
