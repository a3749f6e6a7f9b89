package health.rapport.plugin.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Site choices of measurement-based care (docs/clinical-rules.md). */
@ObjectClassDefinition(
        id = CarePlanConfiguration.PID,
        name = "Rapport: care plans",
        description = "How Rapport evaluates the treatment response of an IPT course, how far back it looks for "
                + "PHQ-9 item 9 answers and when it flags a possible alliance rupture. Every part of Rapport (care plans, CDS cards, the panel, exports) uses these.")
public @interface CarePlanConfiguration {

    String PID = "health.rapport.careplan";

    @AttributeDefinition(name = "Non-response review session", min = "2", max = "20",
            description = "By this session a patient without a response (50 % drop from baseline) is flagged "
                    + "as a non-responder and adaptations of the plan are suggested.")
    int nonResponseSession() default 6;

    @AttributeDefinition(name = "Safety look-back (days)", min = "1",
            description = "A positive PHQ-9 item 9 answered within this many days stays an alert (on the CDS card, the "
                    + "panel and the exported summary) until a clinician records a risk review, even when a later answer "
                    + "is 0; the latest answer counts whatever its age.")
    int safetyLookbackDays() default 30;

    @AttributeDefinition(name = "Alliance: low score", min = "0", max = "11",
            description = "A session alliance score (0-12, the sum of the session feedback form's three ratings) at or "
                    + "below this raises a possible-rupture warning on the CDS card and the panel.")
    int allianceLowScore() default 6;

    @AttributeDefinition(name = "Alliance: drop", min = "1", max = "12",
            description = "A session alliance score this much or more below the patient's own mean of their earlier "
                    + "scores (at least two) raises a possible-rupture warning.")
    int allianceDrop() default 3;
}
