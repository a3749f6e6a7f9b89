/**
 * The IPT course on the chart: applying PlanDefinitions, enrolment, phase advance, plan adaptation,
 * population and the processing of saved QuestionnaireResponses (safety first, scores, treatment
 * response, Inventory extraction, Tasks).
 *
 * <p>Entry: CarePlanEngine (the processors of one activation). Configuration: none of its own; the
 * rules come from safety.ClinicalRules ({@code health.rapport.careplan}). Internal: nothing here is
 * exported from the bundle.
 */
package health.rapport.plugin.careplan;
