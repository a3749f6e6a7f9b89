package health.rapport.plugin.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Site choices of measurement-based care (CLINICAL.md §5). */
@ObjectClassDefinition(
        id = CarePlanConfiguration.PID,
        name = "Rapport: care plans",
        description = "How Rapport evaluates the treatment response of an IPT course.")
public @interface CarePlanConfiguration {

    String PID = "health.rapport.careplan";

    @AttributeDefinition(name = "Non-response review session", min = "2", max = "20",
            description = "By this session a patient without a response (50 % drop from baseline) is flagged "
                    + "as a non-responder and adaptations of the plan are suggested.")
    int nonResponseSession() default 6;
}
