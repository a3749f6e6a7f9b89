/**
 * CDS Hooks 2.0: discovery, the {@code patient-view} service {@code rapport-ipt} and its feedback;
 * verified JWT callers, prefetch or the request's own FHIR server, and the card rules (the item-9
 * safety card first).
 *
 * <p>Entry: CdsHooks, CdsServlet (servlet {@code /cds-services/*}). Configuration: health.rapport.cds.
 * Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.cds;
