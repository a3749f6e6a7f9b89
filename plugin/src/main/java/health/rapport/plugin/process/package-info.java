/**
 * The therapy process as the clinician records it (docs/clinical-basis.md §2 and §4): alliance ruptures
 * and their repairs, and free-text process notes on a session. Both are psychotherapy notes: labelled
 * PSYTHPN, linked to the session's Encounter, written in one transaction with their Provenance, read
 * back only for the panel's private area, and never exported, carded or logged. A recorded one is corrected (a new,
 * amended version) or withdrawn (entered-in-error), each with its Provenance; every version keeps the label.
 */
package health.rapport.plugin.process;
