/**
 * The care-summary document's Composition and its human-readable narrative: sections, score trends,
 * the relapse plan, escaped XHTML. Codes are named by {@code content.Displays}, dates by
 * {@code fhir.ChartTimes.day}, as in the panel and the CDS cards.
 *
 * <p>Entry: CareSummaryComposer (used by {@code exchange.export.ExportProcessor}). Configuration: none.
 * Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.exchange.document;
