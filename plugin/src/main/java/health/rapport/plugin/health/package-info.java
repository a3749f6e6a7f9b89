/**
 * Readiness as JSON at {@code <context>/health}: the FHIR server's reachability and latency, content
 * registration, the version, and what the FHIR server's CapabilityStatement lacks of Rapport's needs.
 *
 * <p>Entry: HealthServlet (servlet {@code /health}), CapabilityCheck (reads the CapabilityStatement
 * once per configuration). Configuration: none. Internal: nothing here is
 * exported from the bundle.
 */
package health.rapport.plugin.health;
