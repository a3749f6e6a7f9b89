package health.rapport.plugin.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The CDS Hooks service: whom it trusts and where it may send a clinician's access token.
 * Without this configuration the service answers discovery and refuses every call (401):
 * it never trusts an issuer or a FHIR server it was not told about.
 */
@ObjectClassDefinition(
        id = CdsConfiguration.PID,
        name = "Rapport: CDS Hooks service",
        description = "Trusted EHR issuers, allowed FHIR servers and the cards of the rapport-ipt patient-view service.")
public @interface CdsConfiguration {

    String PID = "health.rapport.cds";

    @AttributeDefinition(name = "Trusted issuers", required = false,
            description = "One entry per EHR that may call Rapport: '<iss> <jwks URL> [<allowed jku URL> ...]', "
                    + "separated by spaces. 'iss' must equal the JWT's iss exactly; the JWKS URL gives its keys; a JWT "
                    + "with a 'jku' header is accepted only if that URL is listed for its issuer.")
    String[] trustedIssuers() default {};

    @AttributeDefinition(name = "Allowed FHIR servers", required = false,
            description = "Base URLs a request's fhirServer may name (scheme, host, port and path prefix must match "
                    + "exactly), e.g. https://ehr.example.org/fhir. The clinician's access token goes nowhere else.")
    String[] fhirServers() default {};

    @AttributeDefinition(name = "Allow plain http",
            description = "Accept http:// FHIR servers, JWKS and jku URLs. Only for a local sandbox: tokens travel in clear.")
    boolean allowHttp() default false;

    @AttributeDefinition(name = "Public URL of the CDS services", required = false,
            description = "The URL EHRs call, e.g. https://rapport.example.org/rapport/cds-services; a JWT's aud must "
                    + "equal this plus the service path. Empty: the URL the request reached (set it when Rapport is behind "
                    + "a proxy, and to bind tokens to one deployment rather than to the request's Host header).")
    String serviceBaseUrl() default "";

    @AttributeDefinition(name = "SMART app launch URL", required = false,
            description = "The SMART app cards link to for filling measures or enrolling. Empty: <context>/app/launch "
                    + "next to the CDS services.")
    String appLaunchUrl() default "";

    @AttributeDefinition(name = "Eligibility codes", required = false,
            description = "Condition codes ('system|code') that make a patient without an IPT course eligible for "
                    + "enrolment. Rapport ships no diagnosis codes: this list is the site's decision.")
    String[] eligibilityCodes() default {};

    @AttributeDefinition(name = "Eligibility value set", required = false,
            description = "Canonical URL of a ValueSet on the EHR's FHIR server (searched with code:in) whose "
                    + "Conditions make a patient eligible, instead of or beside the code list.")
    String eligibilityValueSet() default "";

    @AttributeDefinition(name = "Safety protocol URL", required = false,
            description = "Optional link on the PHQ-9 item 9 card to the site's suicide-risk protocol.")
    String safetyProtocolUrl() default "";

    @AttributeDefinition(name = "Clock skew (s)", min = "0", max = "300",
            description = "Tolerance on the JWT's exp and iat.")
    int clockSkewSeconds() default 30;

    @AttributeDefinition(name = "Replay check",
            description = "FHIR_SERVER: each accepted call leaves a marker (an AuditEvent) on the FHIR server, so a "
                    + "token is refused on every Rapport host behind the same load balancer; one write per chart "
                    + "opening. HOST: this host's memory only, no write; right for a single host, and with several "
                    + "a captured token could be played once on each other host until it expires (at most 5 min).")
    ReplayCheck replayCheck() default ReplayCheck.FHIR_SERVER;

    @AttributeDefinition(name = "Replay cache size", min = "100",
            description = "How many recent JWT ids (jti) are remembered to refuse replays; about 5 minutes of requests.")
    int replayCacheSize() default 100_000;

    @AttributeDefinition(name = "JWKS cache (s)", min = "1",
            description = "How long an issuer's keys are kept before they are fetched again.")
    int jwksCacheSeconds() default 300;

    @AttributeDefinition(name = "Connect timeout (ms)", min = "1",
            description = "For the request's FHIR server and the issuers' JWKS.")
    int connectTimeoutMillis() default 2_000;

    @AttributeDefinition(name = "Read timeout (ms)", min = "1",
            description = "Per request to the request's FHIR server and the issuers' JWKS.")
    int readTimeoutMillis() default 5_000;
}
