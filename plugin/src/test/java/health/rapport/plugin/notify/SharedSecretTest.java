package health.rapport.plugin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SharedSecretTest {

    @Test
    void onlyTheExactSecretMatches() {
        SharedSecret secret = new SharedSecret("s3cret-value");

        assertThat(secret.matches("s3cret-value")).isTrue();
        assertThat(secret.matches("s3cret-valuE")).isFalse();
        assertThat(secret.matches("s3cret-value ")).isFalse();
        assertThat(secret.matches("s3cret")).isFalse();
        assertThat(secret.matches("")).isFalse();
        assertThat(secret.matches(null)).isFalse();
    }

    @Test
    void withoutASecretNothingMatches() {
        for (String none : new String[] {null, "", "   "}) {
            SharedSecret secret = new SharedSecret(none);
            assertThat(secret.configured()).isFalse();
            assertThat(secret.matches("")).isFalse();
            assertThat(secret.matches(none)).isFalse();
        }
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(new SharedSecret("s3cret-value").toString()).doesNotContain("s3cret");
    }
}
