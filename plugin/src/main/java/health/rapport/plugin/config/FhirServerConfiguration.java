package health.rapport.plugin.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The EHR's FHIR server: the only record Rapport reads and writes. Without this
 * configuration Rapport does not talk to any server (it never guesses a default one).
 */
@ObjectClassDefinition(
        id = FhirServerConfiguration.PID,
        name = "Rapport: FHIR server",
        description = "The EHR's FHIR R4 server, which holds every record Rapport reads or writes.")
public @interface FhirServerConfiguration {

    String PID = "health.rapport.fhirserver";

    @AttributeDefinition(name = "Base URL",
            description = "Absolute http(s) URL of the FHIR R4 base, e.g. https://ehr.example.org/fhir.")
    String baseUrl();

    @AttributeDefinition(name = "Authentication",
            description = "How Rapport authenticates to the FHIR server.",
            options = {
                @Option(label = "None", value = "NONE"),
                @Option(label = "Static bearer token", value = "BEARER"),
                @Option(label = "SMART Backend Services (client_credentials, private_key_jwt)", value = "SMART_BACKEND")
            })
    AuthMode auth() default AuthMode.NONE;

    /** A private property (leading dot): never published as a service property. */
    @AttributeDefinition(name = "Bearer token", type = AttributeType.PASSWORD, required = false,
            description = "The token sent as 'Authorization: Bearer' when authentication is BEARER.")
    String _bearerToken() default "";

    @AttributeDefinition(name = "Backend client id", required = false,
            description = "The client_id under which the EHR's authorisation server registered Rapport as a SMART "
                    + "Backend Services client (auth=SMART_BACKEND).")
    String clientId() default "";

    /** A private property (leading dot): never published as a service property. */
    @AttributeDefinition(name = "Backend private key", type = AttributeType.PASSWORD, required = false,
            description = "Rapport's private key as a JWK (RSA for RS384, or EC P-384 for ES384); the EHR holds the "
                    + "public half in the JWKS it registered for the client (auth=SMART_BACKEND).")
    String _privateKey() default "";

    @AttributeDefinition(name = "Backend scopes", required = false,
            description = "The SMART scopes Rapport asks for its own background work (auth=SMART_BACKEND); see "
                    + "docs/security.md for what each piece of work needs.")
    String scopes() default "system/Questionnaire.crs system/PlanDefinition.crs system/ActivityDefinition.crs "
            + "system/CodeSystem.crs system/ValueSet.crs system/ConceptMap.crs system/StructureDefinition.crs "
            + "system/ImplementationGuide.crs system/Library.crs system/QuestionnaireResponse.rus system/CarePlan.rus "
            + "system/Task.crus system/Observation.crs system/Goal.crus system/Condition.crus "
            + "system/RelatedPerson.crus system/Provenance.crs system/AuditEvent.crs system/Patient.rs";

    @AttributeDefinition(name = "Connect timeout (ms)", min = "1",
            description = "How long Rapport waits to connect to the FHIR server, and for a free connection of the "
                    + "pool; past it the server counts as unreachable (503) and nothing was sent.")
    int connectTimeoutMillis() default 5_000;

    @AttributeDefinition(name = "Read timeout (ms)", min = "1",
            description = "How long Rapport waits for each answer of the FHIR server; past it the request fails as a "
                    + "timeout (504). Content registration never sends a timed-out transaction again while the "
                    + "server may still be running it.")
    int readTimeoutMillis() default 30_000;

    @AttributeDefinition(name = "Maximum connections", min = "1",
            description = "Size of the connection pool to the FHIR server.")
    int maxConnections() default 20;

    @AttributeDefinition(name = "Searches at once", min = "1",
            description = "How many searches this host runs on the FHIR server at the same time, across all requests; "
                    + "more wait their turn (at most the read timeout, then 503). A HAPI JPA server can hold two "
                    + "database connections per running search and ships a pool of ten: keep the sum over all Rapport "
                    + "hosts below half of the server's pool.")
    int maxConcurrentSearches() default 4;
}
