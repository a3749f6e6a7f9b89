/**
 * Rapport's FHIR content (Questionnaires, PlanDefinitions, ActivityDefinitions, terminology, profiles)
 * loaded from the bundle and registered on the EHR's FHIR server, conditionally on url and version.
 *
 * <p>Entry: ContentLibrary, ContentRegistrar. Configuration: none. Internal: nothing here is exported
 * from the bundle.
 */
package health.rapport.plugin.content;
