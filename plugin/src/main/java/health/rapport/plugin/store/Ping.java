package health.rapport.plugin.store;

/** A successful round trip to the FHIR server. */
public record Ping(long latencyMillis, String fhirVersion, String software) {
}
