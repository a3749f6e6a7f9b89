/**
 * The chart store: the EHR's FHIR server over REST (read, search with current results, paging,
 * transaction, conditional create, If-Match update), with the caller's token or Rapport's own
 * credentials.
 *
 * <p>Entry: RestChartStore. Configuration: health.rapport.fhirserver. Internal: nothing here is
 * exported from the bundle.
 */
package health.rapport.plugin.store;
