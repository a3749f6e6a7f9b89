/**
 * PHQ-9 and GAD-7: scoring from the answers, score Observations, the reading of scores written by any
 * system, series, and the treatment-response rules (caseness, response, remission, reliable change).
 *
 * <p>Entry: none (used by careplan, cds, app and exchange). Configuration: none; the settings are in
 * health.rapport.careplan. Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.measures;
