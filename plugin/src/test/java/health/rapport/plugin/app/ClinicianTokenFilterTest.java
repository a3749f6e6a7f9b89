package health.rapport.plugin.app;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.store.ClinicianToken;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClinicianTokenFilterTest {

    @Test
    void takesWellFormedBearerTokensOnly() {
        assertThat(ClinicianTokenFilter.bearer("Bearer abc.DEF-_~+/123==")).hasValue("abc.DEF-_~+/123==");
        assertThat(ClinicianTokenFilter.bearer("bearer abc")).hasValue("abc");
        assertThat(ClinicianTokenFilter.bearer("Basic dXNlcjpwdw==")).isEmpty();
        assertThat(ClinicianTokenFilter.bearer("Bearer two words")).isEmpty();
        assertThat(ClinicianTokenFilter.bearer("Bearer ")).isEmpty();
        assertThat(ClinicianTokenFilter.bearer("Bearer a\r\nX-Injected: 1")).isEmpty();
        assertThat(ClinicianTokenFilter.bearer("Bearer " + "a".repeat(8193))).isEmpty();
    }

    @Test
    void theTokenIsBoundOnlyForTheWork() {
        assertThat(ClinicianToken.current()).isEmpty();
        try (ClinicianToken.Scope outer = ClinicianToken.bind("t1", Optional.empty())) {
            try (ClinicianToken.Scope inner = ClinicianToken.bind("t2", Optional.of("dr-1"))) {
                assertThat(ClinicianToken.current()).hasValue("t2");
                assertThat(ClinicianToken.practitioner()).hasValue("dr-1");
            }
            assertThat(ClinicianToken.current()).hasValue("t1");
            assertThat(ClinicianToken.practitioner()).isEmpty();
        }
        assertThat(ClinicianToken.current()).isEmpty();
    }
}
