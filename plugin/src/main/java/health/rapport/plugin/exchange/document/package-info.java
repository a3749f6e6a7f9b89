/**
 * The care-summary document's Composition and its human-readable narrative: sections, score trends,
 * the relapse plan, code displays, escaped XHTML.
 *
 * <p>Entry: CareSummaryComposer (used by {@code exchange.export.ExportProcessor}). Configuration: none.
 * Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.exchange.document;
