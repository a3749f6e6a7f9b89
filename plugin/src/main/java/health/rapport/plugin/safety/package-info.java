/**
 * The PHQ-9 item-9 safety signal: one rule, read from responses and Observations of any source, used
 * by the CDS card, the panel, the export and processing alike; the clinician's risk review.
 *
 * <p>Entry: ClinicalRules (the site's measurement and safety settings). Configuration:
 * health.rapport.careplan. Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.safety;
