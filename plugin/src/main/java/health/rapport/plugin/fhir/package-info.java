/**
 * Shared FHIR plumbing: the one FhirContext per activation (and what HAPI and Jackson cache outside the
 * bundle, released with it), the thread context class loader HAPI
 * needs, canonical URLs and code systems, the FHIR id rule, time reading and the one rule for showing a
 * date ({@code ChartTimes.day}: the calendar day as recorded), and privacy labels.
 *
 * <p>Entry: FhirRuntime. Configuration: none. Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.fhir;
