package health.rapport.plugin.panel.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class SmartDiscoveryTest {

    private static final String GOOD = """
            {"authorization_endpoint": "https://ehr.example.org/auth/authorize",
             "token_endpoint": "https://ehr.example.org/auth/token",
             "code_challenge_methods_supported": ["S256"],
             "capabilities": ["launch-ehr", "client-public"]}""";

    private final SmartDiscovery strict = new SmartDiscovery(new SmartHttp(), false, Clock.systemUTC());
    private final SmartDiscovery sandbox = new SmartDiscovery(new SmartHttp(), true, Clock.systemUTC());

    @Test
    void keepsCheckedEndpoints() {
        SmartEndpoints endpoints = strict.parse(GOOD);
        assertThat(endpoints.authorization()).hasToString("https://ehr.example.org/auth/authorize");
        assertThat(endpoints.token()).hasToString("https://ehr.example.org/auth/token");
    }

    @Test
    void refusesAServerWithoutS256() {
        assertThatThrownBy(() -> strict.parse(GOOD.replace("\"S256\"", "\"plain\"")))
                .isInstanceOf(LaunchFailure.class).hasMessageContaining("S256");
        assertThatThrownBy(() -> strict.parse(GOOD.replace("\"code_challenge_methods_supported\"", "\"x\"")))
                .isInstanceOf(LaunchFailure.class).hasMessageContaining("S256");
    }

    @Test
    void refusesPlainHttpUnlessAllowed() {
        String http = GOOD.replace("https://ehr.example.org/auth/token", "http://ehr.example.org/auth/token");
        assertThatThrownBy(() -> strict.parse(http)).isInstanceOf(LaunchFailure.class).hasMessageContaining("not https");
        assertThat(sandbox.parse(http).token()).hasToString("http://ehr.example.org/auth/token");
    }

    @Test
    void refusesRelativeOddOrMissingEndpoints() {
        for (String bad : new String[] {"/auth/token", "https://user:pw@ehr.example.org/token",
            "https://ehr.example.org/token#x", "javascript:alert(1)", "", "ftp://ehr.example.org/token"}) {
            assertThatThrownBy(() -> sandbox.parse(GOOD.replace("https://ehr.example.org/auth/token", bad)))
                    .as(bad).isInstanceOf(LaunchFailure.class);
        }
        assertThatThrownBy(() -> strict.parse("not json")).isInstanceOf(LaunchFailure.class);
    }
}
