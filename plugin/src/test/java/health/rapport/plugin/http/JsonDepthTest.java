package health.rapport.plugin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonDepthTest {

    @Test
    void countsNestingOutsideStringsOnly() {
        assertThat(JsonDepth.exceeds(bytes("{\"a\":[{\"b\":1}]}"), 3)).isFalse();
        assertThat(JsonDepth.exceeds(bytes("{\"a\":[{\"b\":[1]}]}"), 3)).isTrue();
        assertThat(JsonDepth.exceeds(bytes("{\"a\":\"[[[[[[{{{{\\\"[[[[\"}"), 2)).isFalse();
        assertThat(JsonDepth.exceeds(bytes("[".repeat(101)), 100)).isTrue();
        assertThat(JsonDepth.exceeds(bytes("[".repeat(100) + "]".repeat(100)), 100)).isFalse();
        assertThat(JsonDepth.exceeds(bytes("]]]]}}}{"), 1)).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
