/**
 * The panel's forms: Rapport's Questionnaires made renderable for LHC-Forms ({@code
 * /app/api/forms/*}; the session record ordered for the patient, their plan's work first), checked, saved once
 * per filling and processed as the clinician.
 *
 * <p>Entry: FormsServlet (servlet {@code /app/api/forms/*}). Configuration: health.rapport.app.
 * Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.panel.forms;
