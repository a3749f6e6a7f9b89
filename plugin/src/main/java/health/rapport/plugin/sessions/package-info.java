/**
 * The therapy sessions of an IPT course: the course as an {@code EpisodeOfCare}, each session as an
 * {@code Encounter} (attendance, modality, duration, its number among the attended sessions, the
 * course's phase), and what was done in it as {@code Procedure}s that move the plan's activities.
 * A session is recorded with Rapport's session-record form (processed by {@code $ipt-process}) or by
 * {@code CarePlan/[id]/$ipt-record-session}; both go through {@link health.rapport.plugin.sessions.SessionRecorder}.
 * The course's "session n of N" is the count of attended sessions once any session is recorded.
 * Formats: the course's EpisodeOfCare records individual, conjoint (with the partner) or group (with the
 * Group) ({@link health.rapport.plugin.sessions.CourseFormat}); IPT groups are made by
 * {@link health.rapport.plugin.sessions.TherapyGroups} and a group session, with each member's own
 * session part of it, is written in one transaction by {@link health.rapport.plugin.sessions.GroupSessionRecorder}.
 * Who takes part changes with {@link health.rapport.plugin.sessions.CourseFormatChanges}: a member leaves a group
 * (their course goes on individually or ends), a conjoint course's partner changes; recorded sessions keep who was there.
 * No DS component of its own: {@code careplan.CarePlanEngine} wires it. Internal: nothing exported.
 */
package health.rapport.plugin.sessions;
