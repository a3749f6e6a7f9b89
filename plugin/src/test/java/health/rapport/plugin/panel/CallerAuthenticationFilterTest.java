package health.rapport.plugin.panel;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.store.CallerToken;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallerAuthenticationFilterTest {

    @Test
    void takesWellFormedBearerTokensOnly() {
        assertThat(CallerAuthenticationFilter.bearer("Bearer abc.DEF-_~+/123==")).hasValue("abc.DEF-_~+/123==");
        assertThat(CallerAuthenticationFilter.bearer("bearer abc")).hasValue("abc");
        assertThat(CallerAuthenticationFilter.bearer("Basic dXNlcjpwdw==")).isEmpty();
        assertThat(CallerAuthenticationFilter.bearer("Bearer two words")).isEmpty();
        assertThat(CallerAuthenticationFilter.bearer("Bearer ")).isEmpty();
        assertThat(CallerAuthenticationFilter.bearer("Bearer a\r\nX-Injected: 1")).isEmpty();
        assertThat(CallerAuthenticationFilter.bearer("Bearer " + "a".repeat(8193))).isEmpty();
    }

    @Test
    void theTokenIsBoundOnlyForTheWork() {
        assertThat(CallerToken.current()).isEmpty();
        try (CallerToken.Scope outer = CallerToken.bind("t1", Optional.empty())) {
            try (CallerToken.Scope inner = CallerToken.bind("t2", Optional.of("dr-1"))) {
                assertThat(CallerToken.current()).hasValue("t2");
                assertThat(CallerToken.practitioner()).hasValue("dr-1");
            }
            assertThat(CallerToken.current()).hasValue("t1");
            assertThat(CallerToken.practitioner()).isEmpty();
        }
        assertThat(CallerToken.current()).isEmpty();
    }
}
