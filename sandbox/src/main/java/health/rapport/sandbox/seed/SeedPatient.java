package health.rapport.sandbox.seed;

/**
 * A synthetic patient of the demo data.
 *
 * @param key       stable name of the scenario, also the patient's identifier value
 * @param patientId id on the FHIR server
 * @param name      display name (synthetic)
 * @param stage     what the scenario shows
 */
public record SeedPatient(String key, String patientId, String name, String stage) {
}
