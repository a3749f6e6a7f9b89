/**
 * {@code Patient/[id]/$ipt-export}: loads the patient's IPT course, holds back every process note (whole
 * resources, plan activities, notes), cuts references to what does not travel and assembles the FHIR
 * document with the labels of what it holds. Reads only.
 *
 * <p>Entry: ExportProcessor (used by {@code operations.ExchangeOperations}). Configuration: none.
 * Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.exchange.export;
