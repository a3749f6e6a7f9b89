package health.rapport.plugin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Only the configured FHIR servers ever receive a clinician's token: 50 ways to try otherwise. */
class FhirServerAllowlistTest {

    private static final FhirServerAllowlist ALLOWED = FhirServerAllowlist.of(
            new String[] {"https://ehr.example.org/fhir", "https://fhir.hospital.example:8443/r4"}, false);

    /** The hostile values, also used by the integration test through the real servlet. */
    public static Stream<String> hostile() {
        return Stream.of(
                // plain http and other schemes
                "http://ehr.example.org/fhir", "HTTPS://ehr.example.org/fhir", "ftp://ehr.example.org/fhir",
                "file:///etc/passwd", "javascript:alert(1)", "https:ehr.example.org/fhir", "https:/ehr.example.org/fhir",
                "https:///ehr.example.org/fhir", "//ehr.example.org/fhir", "ehr.example.org/fhir",
                // link-local, loopback and metadata addresses
                "https://169.254.169.254/fhir", "https://169.254.169.254/latest/meta-data", "https://127.0.0.1/fhir",
                "https://0xA9FEA9FE/fhir", "https://2852039166/fhir",
                // look-alike hosts
                "https://ehr.example.org.evil.com/fhir", "https://ehr-example.org/fhir", "https://evilehr.example.org/fhir",
                "https://ehr.example.org./fhir", "https://ehr.example.or/fhir", "https://ehr.exаmple.org/fhir",
                "https://EHR.example.org/fhir", "https://ehr.example.org%2eevil.com/fhir", "https://ehr_example.org/fhir",
                // userinfo and delimiter tricks
                "https://ehr.example.org@evil.com/fhir", "https://evil.com@ehr.example.org/fhir",
                "https://ehr.example.org:443@evil.com/fhir", "https://ehr.example.org\\@evil.com/fhir",
                "https://evil.com#@ehr.example.org/fhir", "https://evil.com?@ehr.example.org/fhir",
                "https://evil.com\\.ehr.example.org/fhir",
                // IPv6 literals
                "https://[::1]/fhir", "https://[fe80::1]/fhir", "https://[::ffff:169.254.169.254]/fhir",
                // other ports
                "https://ehr.example.org:8443/fhir", "https://ehr.example.org:80/fhir", "https://ehr.example.org:0/fhir",
                "https://fhir.hospital.example/r4",
                // path prefix and traversal tricks
                "https://ehr.example.org/fhir-evil", "https://ehr.example.org/fhir../admin", "https://ehr.example.org/fhir/../admin",
                "https://ehr.example.org/fhir/%2e%2e/admin", "https://ehr.example.org/fhir%2F..%2Fadmin",
                "https://ehr.example.org//fhir", "https://ehr.example.org/./fhir", "https://ehr.example.org/FHIR",
                "https://ehr.example.org/", "https://ehr.example.org/fhir?_format=xml",
                // whitespace, control and unicode characters
                " https://ehr.example.org/fhir", "https://ehr.example.org/fhir\n");
    }

    @Test
    void thereAreFiftyHostileValues() {
        assertThat(hostile()).hasSize(50).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void refusesHostileValues(String candidate) {
        assertThat(ALLOWED.match(candidate)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://ehr.example.org/fhir", "https://ehr.example.org/fhir/", "https://ehr.example.org/fhir/tenant-a",
        "https://ehr.example.org:443/fhir", "https://fhir.hospital.example:8443/r4"})
    void acceptsTheConfiguredServersAndPathsBelowThem(String candidate) {
        assertThat(ALLOWED.match(candidate)).hasValueSatisfying(url -> assertThat(url).doesNotEndWith("/"));
    }

    @Test
    void refusesEverythingWhenNothingIsConfigured() {
        FhirServerAllowlist none = FhirServerAllowlist.of(new String[0], false);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.match("https://ehr.example.org/fhir")).isEmpty();
    }

    @Test
    void httpNeedsTheExplicitFlagAndThenMatchesOnlyItsOwnEntry() {
        assertThatThrownBy(() -> FhirServerAllowlist.of(new String[] {"http://127.0.0.1:8080/fhir"}, false))
                .isInstanceOf(IllegalArgumentException.class);
        FhirServerAllowlist sandbox = FhirServerAllowlist.of(new String[] {"http://127.0.0.1:8080/fhir"}, true);
        assertThat(sandbox.match("http://127.0.0.1:8080/fhir")).hasValue("http://127.0.0.1:8080/fhir");
        assertThat(sandbox.match("http://127.0.0.1:8081/fhir")).isEmpty();
        assertThat(sandbox.match("http://localhost:8080/fhir")).isEmpty();
    }

    @Test
    void refusesMalformedConfiguration() {
        assertThatThrownBy(() -> FhirServerAllowlist.of(new String[] {"https://user:pw@ehr.example.org/fhir"}, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FhirServerAllowlist.of(new String[] {"ehr.example.org"}, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
