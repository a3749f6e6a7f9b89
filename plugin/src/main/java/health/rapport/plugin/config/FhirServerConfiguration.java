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
                @Option(label = "Static bearer token", value = "BEARER")
            })
    AuthMode auth() default AuthMode.NONE;

    /** A private property (leading dot): never published as a service property. */
    @AttributeDefinition(name = "Bearer token", type = AttributeType.PASSWORD, required = false,
            description = "The token sent as 'Authorization: Bearer' when authentication is BEARER.")
    String _bearerToken() default "";

    @AttributeDefinition(name = "Connect timeout (ms)", min = "1")
    int connectTimeoutMillis() default 5_000;

    @AttributeDefinition(name = "Read timeout (ms)", min = "1")
    int readTimeoutMillis() default 30_000;

    @AttributeDefinition(name = "Maximum connections", min = "1",
            description = "Size of the connection pool to the FHIR server.")
    int maxConnections() default 20;
}
