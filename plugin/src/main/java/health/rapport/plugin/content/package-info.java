/**
 * Rapport's FHIR content (Questionnaires, PlanDefinitions, ActivityDefinitions, terminology, profiles)
 * loaded from the bundle and registered on the EHR's FHIR server, conditionally on url and version;
 * and the one rule for naming a code to a person ({@code Displays}: text, display, the shipped
 * CodeSystems' display, else the bare code), used by the export narrative, the panel and the CDS cards.
 *
 * <p>Entry: ContentLibrary, ContentRegistrar, Displays. Configuration: none. Internal: nothing here is exported
 * from the bundle.
 */
package health.rapport.plugin.content;
