/**
 * Readiness as JSON at {@code <context>/health}: the FHIR server's reachability and latency, content
 * registration, the version.
 *
 * <p>Entry: HealthServlet (servlet {@code /health}). Configuration: none. Internal: nothing here is
 * exported from the bundle.
 */
package health.rapport.plugin.health;
