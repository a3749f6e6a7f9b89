/**
 * The therapy sessions of an IPT course: the course as an {@code EpisodeOfCare}, each session as an
 * {@code Encounter} (attendance, modality, duration, its number among the attended sessions, the
 * course's phase), and what was done in it as {@code Procedure}s that move the plan's activities.
 * A session is recorded with Rapport's session-record form (processed by {@code $ipt-process}) or by
 * {@code CarePlan/[id]/$ipt-record-session}; both go through {@link health.rapport.plugin.sessions.SessionRecorder}.
 * The course's "session n of N" is the count of attended sessions once any session is recorded.
 * No DS component of its own: {@code careplan.CarePlanEngine} wires it. Internal: nothing exported.
 */
package health.rapport.plugin.sessions;
