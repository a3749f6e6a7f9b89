package health.rapport.plugin.operations;

/**
 * Marks a HAPI plain provider of Rapport's FHIR operations. Each is a DS component; the
 * FHIR endpoint serves every one registered.
 */
public interface RapportOperations {
}
