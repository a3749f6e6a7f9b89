/**
 * Rapport's FHIR endpoint: a HAPI RestfulServer at {@code <context>/fhir} with its
 * CapabilityStatement, the operation providers, and the translation of failures into
 * OperationOutcomes.
 *
 * <p>Entry: FhirEndpoint (servlet {@code /fhir/*}) and every operation provider ({@code *Operations}:
 * CarePlan, QuestionnaireResponse, Session, Group, Process, Measure, Exchange), each a thin layer over
 * its processor in the package of its subject. Configuration: none. Internal: nothing here is exported from the
 * bundle.
 */
package health.rapport.plugin.operations;
