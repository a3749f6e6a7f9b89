package health.rapport.plugin.panel.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenIntrospectorTest {

    private final TokenIntrospector introspector = new TokenIntrospector(new SmartHttp(), Clock.systemUTC());

    @Test
    void aLiveAnswerGivesItsGrantAndItsCaller() {
        Introspection grant = introspector.parse("{\"active\":true,\"scope\":\"user/*.rs\",\"client_id\":\"c1\","
                + "\"fhirUser\":\"https://ehr.example.org/fhir/Practitioner/dr-7\",\"exp\":2000000000}").orElseThrow();
        assertThat(grant.scope()).isEqualTo("user/*.rs");
        assertThat(grant.clientId()).hasValue("c1");
        assertThat(grant.practitioner()).hasValue("dr-7");
        assertThat(grant.expires()).hasValue(Instant.ofEpochSecond(2_000_000_000L));
    }

    @Test
    void anythingButActiveTrueIsNotLive() {
        for (String body : new String[] {"{\"active\":false,\"scope\":\"user/*.rs\"}", "{}", "{\"active\":\"true\"}", "[]"}) {
            assertThat(introspector.parse(body)).as(body).isEmpty();
        }
        assertThatThrownBy(() -> introspector.parse("not json")).isInstanceOf(LaunchFailure.class);
    }

    @Test
    void onlyAPractitionerUserIsAPractitioner() {
        assertThat(user("Practitioner/abc")).hasValue("abc");
        assertThat(user("Patient/abc")).isEmpty();
        assertThat(user("RelatedPractitioner/abc")).isEmpty();
        assertThat(user("Practitioner/has space")).isEmpty();
        assertThat(new Introspection("", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())
                .practitioner()).isEmpty();
    }

    @Test
    void tokensAreKeyedByDigestNeverByThemselves() {
        assertThat(TokenIntrospector.digest("secret-token")).doesNotContain("secret").hasSize(43);
    }

    private static Optional<String> user(String fhirUser) {
        return new Introspection("", Optional.empty(), Optional.of(fhirUser), Optional.empty(), Optional.empty())
                .practitioner();
    }
}
