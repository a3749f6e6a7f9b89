package health.rapport.plugin.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The clinician chart panel at {@code <context>/app/}. The panel's pages are always served;
 * the chart data behind them only when a launch authorises it. SMART App Launch is the proper
 * path; until a site has it, only a sandbox may open the panel without authentication.
 */
@ObjectClassDefinition(
        id = AppConfiguration.PID,
        name = "Rapport: clinician chart panel",
        description = "Who may open the chart panel served at <context>/app/.")
public @interface AppConfiguration {

    String PID = "health.rapport.app";

    @AttributeDefinition(name = "Allow unauthenticated sandbox use",
            description = "Serve chart data to the panel opened as app/index.html?patient=<id> without any launch or "
                    + "token, read with Rapport's own FHIR-server credentials. Only for a local sandbox with synthetic "
                    + "patients: anyone who reaches the port can read every patient's psychotherapy record.")
    boolean allowUnauthenticatedSandbox() default false;

    @AttributeDefinition(name = "Frame ancestors", required = false,
            description = "Origins (scheme://host[:port]) of EHRs allowed to embed the panel in a frame; empty: only "
                    + "Rapport's own origin.")
    String[] frameAncestors() default {};
}
