/**
 * The clinician's caseload: every open IPT course the signed-in clinician manages (the course's
 * EpisodeOfCare names them as care manager), read with the clinician's own token in a few batched
 * searches, each course with its flags in order of urgency. The flags come from the rules the panel and
 * the CDS cards use ({@code safety.SafetyRule}, {@code measures.CourseResponses}, {@code alliance.AllianceRule}),
 * never from a copy of them.
 *
 * <p>Entry: CaseloadReader, CaseloadFlags (used by {@code panel.CaseloadServlet}). Configuration: none
 * (the rules come from health.rapport.careplan). Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.caseload;
