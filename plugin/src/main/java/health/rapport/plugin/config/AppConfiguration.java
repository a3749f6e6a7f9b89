package health.rapport.plugin.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The clinician chart panel at {@code <context>/app/}. The panel's pages are always served;
 * the chart data behind them only with the clinician's token from a SMART App Launch (EHR
 * launch at {@code <context>/app/launch}).
 */
@ObjectClassDefinition(
        id = AppConfiguration.PID,
        name = "Rapport: clinician chart panel",
        description = "Who may open the chart panel served at <context>/app/.")
public @interface AppConfiguration {

    String PID = "health.rapport.app";

    @AttributeDefinition(name = "SMART client id",
            description = "The client_id under which the EHR's authorisation server registered the panel (a public "
                    + "client; its redirect URI is <context>/app/index.html as the browser reaches it).")
    String smartClientId() default "rapport-panel";

    @AttributeDefinition(name = "SMART scopes",
            description = "The scopes the panel asks for, separated by spaces (SMART App Launch 2 syntax). The "
                    + "token goes to the configured FHIR server only; Rapport writes with it on the clinician's behalf.")
    String smartScopes() default "launch openid fhirUser patient/Patient.r patient/CarePlan.cru patient/Task.cru "
            + "patient/QuestionnaireResponse.cru patient/Observation.cru patient/Goal.cru patient/Condition.cru "
            + "patient/RelatedPerson.cru patient/Provenance.cr patient/EpisodeOfCare.cru patient/Encounter.cru "
            + "patient/Procedure.cru patient/DocumentReference.cru user/Questionnaire.rs user/PlanDefinition.rs "
            + "user/ActivityDefinition.rs user/CodeSystem.rs user/ValueSet.rs";

    @AttributeDefinition(name = "SMART scopes of the caseload",
            description = "The scopes the caseload view asks for when the EHR launches it without a patient: user-level "
                    + "reads of the records a clinician's open courses are judged on. The EHR decides which patients "
                    + "a user-level token reaches (docs/security.md).")
    String caseloadScopes() default "launch openid fhirUser user/Patient.rs user/EpisodeOfCare.rs user/CarePlan.rs "
            + "user/Observation.rs user/QuestionnaireResponse.rs user/Encounter.rs user/Task.rs user/Goal.rs "
            + "user/Procedure.rs user/DocumentReference.rs user/Questionnaire.rs user/CodeSystem.rs user/ValueSet.rs";

    @AttributeDefinition(name = "SMART scopes of a group launch",
            description = "The scopes the panel asks for when the EHR launches it for an IPT group (the Group in the "
                    + "token answer's fhirContext, no patient): user-level reads and exactly the writes of recording a "
                    + "group session and a member's leaving. The EHR decides which members a user-level token reaches "
                    + "(docs/security.md); Rapport never widens it.")
    String groupScopes() default "launch openid fhirUser user/Group.ru user/CarePlan.rus user/EpisodeOfCare.cru "
            + "user/Encounter.crus user/Procedure.crus user/Provenance.c user/Questionnaire.rs user/CodeSystem.rs "
            + "user/ValueSet.rs";

    @AttributeDefinition(name = "Allow plain-http authorisation endpoints",
            description = "Accept http:// authorisation and token endpoints from the FHIR server's SMART configuration. "
                    + "Only for a local sandbox: the authorisation code and the token travel in clear.")
    boolean allowHttpAuthorization() default false;

    @AttributeDefinition(name = "Frame ancestors", required = false,
            description = "Origins (scheme://host[:port]) of EHRs allowed to embed the panel in a frame; empty: only "
                    + "Rapport's own origin.")
    String[] frameAncestors() default {};
}
