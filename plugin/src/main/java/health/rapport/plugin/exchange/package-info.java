/**
 * Exchange with other systems: {@code Patient/$ipt-export} (a FHIR document without process notes) and
 * {@code $ipt-import} (checked against Rapport's profiles, written in one idempotent transaction).
 *
 * <p>Entry: ExchangeOperations (operations of {@code /fhir}). Configuration: none. Internal: nothing
 * here is exported from the bundle.
 */
package health.rapport.plugin.exchange;
