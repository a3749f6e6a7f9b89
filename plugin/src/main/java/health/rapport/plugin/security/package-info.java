/**
 * Caller verification: CDS JWTs (trusted issuers, JWKS, replay protection), allowlists of FHIR servers
 * and URL rules.
 *
 * <p>Entry: none (used by cds). Configuration: health.rapport.cds. Internal: nothing here is exported
 * from the bundle.
 */
package health.rapport.plugin.security;
