/**
 * The therapeutic alliance as Rapport measures it session by session: the session alliance score
 * (the sum of the session feedback form's three ratings, 0–12, {@link health.rapport.plugin.alliance.AllianceScore}),
 * its series on a chart ({@link health.rapport.plugin.alliance.AllianceSeries}) and the rule that flags a possible
 * rupture ({@link health.rapport.plugin.alliance.AllianceRule}: a low score, or a drop from the patient's own
 * running mean), configured with the other clinical rules (PID {@code health.rapport.careplan}) and used by the
 * CDS card and the panel alike. No DS component of its own. Internal: nothing exported.
 */
package health.rapport.plugin.alliance;
