/**
 * Readiness as JSON at {@code <context>/health} (and {@code /health/ready}): the FHIR server's
 * reachability and latency, content registration, the version, and what the FHIR server's
 * CapabilityStatement lacks of Rapport's needs; liveness at {@code <context>/health/live}.
 *
 * <p>Entry: HealthServlet (servlet {@code /health}, {@code /health/ready}), LivenessServlet
 * ({@code /health/live}), CapabilityCheck (reads the CapabilityStatement
 * once per configuration). Configuration: none. Internal: nothing here is
 * exported from the bundle.
 */
package health.rapport.plugin.health;
