package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.ehr.SmartAuthorizer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rapport's own credentials as hospitals issue them: auth=SMART_BACKEND obtains a token from the
 * EHR's token endpoint (client_credentials, private_key_jwt ES384) and uses it for its own work
 * (content registration, readiness) — and still never for a caller.
 */
@ExtendWith(SandboxExtension.class)
class BackendServicesTest {

    private static final String PID = "health.rapport.fhirserver";

    @Test
    void rapportGetsItsOwnTokenByBackendServicesAndUsesItOnlyForItsOwnWork(Sandbox sandbox) throws Exception {
        SmartAuthorizer authorizer = sandbox.fhirServer().ehr().authorizer();
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("rapport-it-" + System.nanoTime()).generate();
        String client = "rapport-backend-" + System.nanoTime();
        authorizer.registerBackend(client, new JWKSet(key.toPublicJWK()), "system/*.cruds system/*.rs");
        try {
            sandbox.osgiHost().configure(PID, Map.of("baseUrl", sandbox.fhirBaseUrl(), "auth", "SMART_BACKEND",
                    "clientId", client, ".privateKey", key.toJSONString(), "scopes", "system/*.cruds"));
            HttpResponse<String> ready = Http.getUntil(sandbox.rapportUrl() + "/health",
                    r -> r.statusCode() == 200 && !authorizer.grantsOf(client).isEmpty(), Duration.ofSeconds(60));
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(authorizer.grantsOf(client)).isNotEmpty().allSatisfy(g -> {
                assertThat(g.scope()).isEqualTo("system/*.cruds");
                assertThat(g.patient()).isNull();
            });
            assertThat(authorizer.grantsOf(client).stream().mapToInt(g -> g.uses().get()).sum())
                    .as("FHIR requests Rapport made with its Backend Services token").isPositive();

            // Rapport's own work (content, readiness) may go on with its token meanwhile; what must
            // never carry it is a request about the caller's patient.
            Ehr ehr = new Ehr(sandbox);
            String patient = ehr.newPatient();
            EnrollmentTest.enrol(ehr, patient);
            assertThat(authorizer.grantsOf(client).stream().flatMap(g -> g.requests().stream()))
                    .as("requests made with Rapport's own tokens").isNotEmpty()
                    .noneMatch(request -> request.contains("Patient/" + patient) || request.contains("=" + patient));
            assertThat(authorizer.peek(Http.defaultToken()).orElseThrow().requests())
                    .as("the caller's token carried the enrolment, its plan transaction included")
                    .anyMatch(request -> request.startsWith("POST") && request.contains("body:[Patient/" + patient));
        } finally {
            sandbox.osgiHost().configure(PID, Map.of("baseUrl", sandbox.fhirBaseUrl()));
            Http.getUntil(sandbox.rapportUrl() + "/health", r -> r.statusCode() == 200, Duration.ofSeconds(60));
        }
    }

    @Test
    void aClientAssertionSignedWithAnotherKeyGetsNoToken(Sandbox sandbox) throws Exception {
        SmartAuthorizer authorizer = sandbox.fhirServer().ehr().authorizer();
        ECKey registered = new ECKeyGenerator(Curve.P_384).keyID("k1").generate();
        ECKey other = new ECKeyGenerator(Curve.P_384).keyID("k1").generate();
        String client = "impostor-" + System.nanoTime();
        authorizer.registerBackend(client, new JWKSet(registered.toPublicJWK()), "system/*.rs");
        String tokenEndpoint = sandbox.fhirBaseUrl().substring(0, sandbox.fhirBaseUrl().lastIndexOf('/')) + "/auth/token";
        for (ECKey signer : new ECKey[] {other, registered}) {
            com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                    com.nimbusds.jose.JWSAlgorithm.ES384).keyID("k1").build(), new com.nimbusds.jwt.JWTClaimsSet.Builder()
                    .issuer(client).subject(client).audience(tokenEndpoint).jwtID(java.util.UUID.randomUUID().toString())
                    .expirationTime(new java.util.Date(System.currentTimeMillis() + 60_000)).build());
            jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(signer));
            String form = "grant_type=client_credentials&scope=system%2F*.rs&client_assertion_type="
                    + "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=" + jwt.serialize();
            HttpResponse<String> answer = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(tokenEndpoint))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build());
            if (signer == other) {
                assertThat(answer.statusCode()).isEqualTo(400);
                assertThat(answer.body()).contains("invalid_client");
            } else {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(Json.parse(answer.body()).path("scope").asText()).isEqualTo("system/*.rs");
            }
        }
    }
}
