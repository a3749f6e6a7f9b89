/**
 * The typed Metatype configurations of every PID Rapport reads, one {@code @ObjectClassDefinition}
 * each.
 *
 * <p>Entry: none (configuration interfaces only). Configuration: health.rapport.fhirserver,
 * health.rapport.careplan, health.rapport.cds, health.rapport.app, health.rapport.notify,
 * health.rapport.http. Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.config;
