/**
 * Rapport's FHIR endpoint: a HAPI RestfulServer at {@code <context>/fhir} with its
 * CapabilityStatement, the operation providers, and the translation of failures into
 * OperationOutcomes.
 *
 * <p>Entry: FhirEndpoint (servlet {@code /fhir/*}), CarePlanOperations,
 * QuestionnaireResponseOperations. Configuration: none. Internal: nothing here is exported from the
 * bundle.
 */
package health.rapport.plugin.fhirapi;
