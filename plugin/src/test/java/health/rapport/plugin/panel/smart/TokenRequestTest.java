package health.rapport.plugin.panel.smart;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenRequestTest {

    private static final String VERIFIER = "a".repeat(43);
    private static final String REDIRECT = "https://rapport.example.org/rapport/app/index.html";

    @Test
    void acceptsThePanelsOwnRequest() {
        assertThatCode(() -> new TokenRequest("https://ehr.example.org/fhir", "c0de", VERIFIER, REDIRECT))
                .doesNotThrowAnyException();
        // The caseload's own page, where a launch without a patient comes back.
        assertThatCode(() -> new TokenRequest("https://ehr.example.org/fhir", "c0de", VERIFIER,
                REDIRECT.replace("index.html", "caseload.html"))).doesNotThrowAnyException();
    }

    @Test
    void refusesWhatCouldNotComeFromThePanel() {
        String[][] cases = {
            {null, "c", VERIFIER, REDIRECT},
            {"i", "c", "short", REDIRECT},
            {"i", "c", "a".repeat(129), REDIRECT},
            {"i", "c", VERIFIER + "!", REDIRECT},
            {"i", "with space", VERIFIER, REDIRECT},
            {"i", "c", VERIFIER, "https://evil.example/steal"},
            {"i", "c", VERIFIER, REDIRECT + "?x=1"},
            {"i", "c", VERIFIER, "/rapport/app/index.html"},
            {"i", "c", VERIFIER, "javascript:/app/index.html"},
            {"i", "c", VERIFIER, REDIRECT.replace("index.html", "form.html")},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> new TokenRequest(c[0], c[1], c[2], c[3]))
                    .as(String.join(" | ", String.valueOf(c[0]), c[1], c[2], c[3]))
                    .isInstanceOf(LaunchFailure.class)
                    .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((LaunchFailure) e).status()).isEqualTo(400));
        }
    }
}
