package health.rapport.plugin.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The limits every request to Rapport is held to, before any endpoint reads it. */
@ObjectClassDefinition(
        id = RequestLimitsConfiguration.PID,
        name = "Rapport: request limits",
        description = "How large a request body Rapport accepts on any endpoint.")
public @interface RequestLimitsConfiguration {

    String PID = "health.rapport.limits";

    @AttributeDefinition(name = "Largest request body (bytes)", min = "1024",
            description = "Bodies larger than this are refused with 413 before they are read. The largest "
                    + "legitimate body is an $ipt-import document; 5 MB holds years of a course.")
    int maxRequestBytes() default 5 * 1024 * 1024;
}
