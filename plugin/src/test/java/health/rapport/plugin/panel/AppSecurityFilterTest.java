package health.rapport.plugin.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppSecurityFilterTest {

    @Test
    void policyAllowsOnlyRapportAndTheConfiguredFhirServer() {
        String policy = AppSecurityFilter.contentSecurityPolicy(Optional.of("https://ehr.example.org:8443/fhir/r4"),
                new String[] {"https://chart.example.org/some/path", "javascript:alert(1)", "*"});
        assertThat(policy).contains("default-src 'self'", "script-src 'self';", "style-src 'self';", "object-src 'none'",
                "base-uri 'none'", "connect-src 'self' https://ehr.example.org:8443;",
                "frame-ancestors 'self' https://chart.example.org")
                .doesNotContain("unsafe", "javascript", "/fhir/r4", " *");
    }

    @Test
    void theFormPageAllowsLformsStyleElementsByHashAndNothingElse() {
        String policy = AppSecurityFilter.contentSecurityPolicy(Optional.of("https://ehr.example.org/fhir"), new String[0]);
        String form = AppSecurityFilter.formPolicy(policy);
        assertThat(form).contains("style-src 'self' 'sha256-", "script-src 'self';", "object-src 'none'")
                .doesNotContain("unsafe");
        assertThat(form.replaceAll("style-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;", "style-src 'self';")).isEqualTo(policy);
    }

    @Test
    void withoutAFhirServerOnlyRapportItselfIsReachable() {
        assertThat(AppSecurityFilter.contentSecurityPolicy(Optional.empty(), new String[0]))
                .contains("connect-src 'self';", "frame-ancestors 'self'");
    }

    @Test
    void originKeepsSchemeHostAndPortOnly() {
        assertThat(AppSecurityFilter.origin("HTTP://localhost:8080/fhir?x=1")).hasValue("http://localhost:8080");
        assertThat(AppSecurityFilter.origin("ftp://host/")).isEmpty();
        assertThat(AppSecurityFilter.origin("not a url")).isEmpty();
    }
}
