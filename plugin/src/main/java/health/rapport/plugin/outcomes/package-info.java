/**
 * The service's outcome measures (FHIR {@code Measure} resources shipped in care-plans) and
 * {@code Measure/[id]/$evaluate-measure} without a CQL engine: each population criterion of a shipped
 * Measure is a FHIRPath {@code Expression} whose {@code name} is one small rule class here, which reuses the clinical rules of package {@code measures} (caseness, response, remission,
 * reliable change) and of {@code sessions} (attended sessions). {@link CourseLoader} reads the ended
 * courses of a period through the FHIR server with the caller's token, a few paged searches for the whole
 * cohort; {@link MeasureEvaluator} counts the populations and writes the MeasureReport.
 *
 * <p>Entry: OutcomeMeasures (DS component). Configuration: none; the treatment-response settings are
 * health.rapport.careplan's. Internal: nothing here is exported from the bundle.
 */
package health.rapport.plugin.outcomes;
