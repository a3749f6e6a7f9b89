/**
 * The whiteboard servlet context every Rapport endpoint is registered under.
 *
 * <p>Entry: RapportHttpContext. Configuration: health.rapport.http. Internal: nothing here is exported
 * from the bundle.
 */
package health.rapport.plugin.http;
