package health.rapport.sandbox.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmartAuthorizerTest {

    private static final String AUD = "http://localhost:8080/fhir";
    private static final String REDIRECT = "http://127.0.0.1:8081/rapport/app/index.html";
    private static final String VERIFIER = "v".repeat(20) + "-._~" + "x".repeat(30);

    private final MutableClock clock = new MutableClock();
    private SmartAuthorizer authorizer;

    @BeforeEach
    void setUp() {
        authorizer = new SmartAuthorizer(clock);
        authorizer.audience(AUD);
        authorizer.register("rapport-panel", Set.of(REDIRECT));
    }

    private Map<String, String> request(String launch) {
        Map<String, String> r = new HashMap<>();
        r.put("response_type", "code");
        r.put("client_id", "rapport-panel");
        r.put("redirect_uri", REDIRECT);
        r.put("launch", launch);
        r.put("scope", "launch openid patient/*.rs");
        r.put("state", "s1");
        r.put("aud", AUD);
        r.put("code_challenge", SmartAuthorizer.s256(VERIFIER));
        r.put("code_challenge_method", "S256");
        return r;
    }

    private String code(Map<String, String> request) {
        String location = authorizer.authorize(request).location().orElseThrow().toString();
        assertThat(location).startsWith(REDIRECT + "?").contains("state=s1");
        return location.replaceAll(".*code=([^&]+).*", "$1");
    }

    private Map<String, String> tokenForm(String code, String verifier) {
        return new HashMap<>(Map.of("grant_type", "authorization_code", "code", code, "client_id", "rapport-panel",
                "redirect_uri", REDIRECT, "code_verifier", verifier));
    }

    @Test
    void aFullLaunchGivesAPatientToken() {
        String code = code(request(authorizer.launch("p1", "Practitioner/x")));
        SmartAuthorizer.TokenAnswer answer = authorizer.token(tokenForm(code, VERIFIER));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).containsEntry("patient", "p1").containsEntry("token_type", "Bearer");
        String token = (String) answer.body().get("access_token");
        assertThat(authorizer.use(token, "GET Patient/p1")).isPresent();
        assertThat(authorizer.uses(token)).isEqualTo(1);
        assertThat(authorizer.peek(token).orElseThrow().requests()).containsExactly("GET Patient/p1");
    }

    @Test
    void aGroupLaunchNamesTheGroupInFhirContextAndGivesTheClinicianNoPatient() {
        Map<String, String> request = request(authorizer.launchForGroup("g7", "Practitioner/lead"));
        request.put("scope", "launch openid fhirUser user/Encounter.crus");
        SmartAuthorizer.TokenAnswer answer = authorizer.token(tokenForm(code(request), VERIFIER));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).doesNotContainKey("patient")
                .containsEntry("fhirContext", java.util.List.of(Map.of("reference", "Group/g7")));
        SmartAuthorizer.Grant grant = authorizer.peek((String) answer.body().get("access_token")).orElseThrow();
        assertThat(grant.patient()).isNull();
        assertThat(grant.fhirUser()).isEqualTo("Practitioner/lead");
        // The clinician's own token: its user scopes reach whom they care for, never the whole record.
        assertThat(grant.careRelationship()).isTrue();
        // A patient launch carries no fhirContext.
        SmartAuthorizer.TokenAnswer patient = authorizer.token(tokenForm(code(request(authorizer.launch("p1",
                "Practitioner/x"))), VERIFIER));
        assertThat(patient.body()).doesNotContainKey("fhirContext");
    }

    @Test
    void aCodeWorksOnceWithItsVerifierBeforeItExpires() {
        String launch = authorizer.launch("p1", "Practitioner/x");
        String code = code(request(launch));
        assertThat(authorizer.token(tokenForm(code, "w".repeat(43))).status()).as("wrong verifier").isEqualTo(400);
        assertThat(authorizer.token(tokenForm(code, VERIFIER)).status()).as("the code died with the failed try").isEqualTo(400);

        String again = code(request(launch));
        assertThat(authorizer.token(tokenForm(again, VERIFIER)).status()).isEqualTo(200);
        assertThat(authorizer.token(tokenForm(again, VERIFIER)).status()).as("replay").isEqualTo(400);

        String late = code(request(launch));
        clock.advance(SmartAuthorizer.CODE_LIFETIME.plusSeconds(1));
        assertThat(authorizer.token(tokenForm(late, VERIFIER)).status()).as("expired").isEqualTo(400);
    }

    @Test
    void unregisteredClientsAndRedirectsGetNoRedirect() {
        Map<String, String> r = request(authorizer.launch("p1", "Practitioner/x"));
        r.put("redirect_uri", "https://evil.example/steal");
        assertThat(authorizer.authorize(r).location()).isEmpty();
        r = request(authorizer.launch("p1", "Practitioner/x"));
        r.put("client_id", "other");
        assertThat(authorizer.authorize(r).location()).isEmpty();
    }

    @Test
    void badRequestsAreSentBackAsErrorsNotCodes() {
        String launch = authorizer.launch("p1", "Practitioner/x");
        for (Map.Entry<String, String> change : Map.of("code_challenge_method", "plain", "aud", "https://other/fhir",
                "scope", "openid", "launch", "unknown", "response_type", "token").entrySet()) {
            Map<String, String> r = request(launch);
            r.put(change.getKey(), change.getValue());
            String location = authorizer.authorize(r).location().orElseThrow().toString();
            assertThat(location).as(change.getKey()).contains("error=").doesNotContain("code=");
        }
        assertThat(authorizer.use("unknown", "GET metadata")).isEmpty();
    }

    @Test
    void tokensExpire() {
        SmartAuthorizer.Grant grant = authorizer.issue("p1", "patient/*.rs", Duration.ofMinutes(5));
        assertThat(authorizer.use(grant.accessToken(), "GET metadata")).isPresent();
        clock.advance(Duration.ofMinutes(6));
        assertThat(authorizer.use(grant.accessToken(), "GET metadata")).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
