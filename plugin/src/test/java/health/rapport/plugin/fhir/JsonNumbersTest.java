package health.rapport.plugin.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonNumbersTest {

    @Test
    void anExponentBeyond999IsFoundOutsideStringsOnly() {
        assertThat(JsonNumbers.hugeExponent(bytes("{\"value\":1e999999}"))).isTrue();
        assertThat(JsonNumbers.hugeExponent(bytes("[-2.5E+1000]"))).isTrue();
        assertThat(JsonNumbers.hugeExponent(bytes("[1e-9999]"))).isTrue();
        assertThat(JsonNumbers.hugeExponent(bytes("{\"value\":1e308,\"b\":2.5E-999,\"c\":1e0000000999}"))).isFalse();
        assertThat(JsonNumbers.hugeExponent(bytes("{\"text\":\"1e999999\",\"q\":\"\\\"1e99999\"}"))).isFalse();
        assertThat(JsonNumbers.hugeExponent(bytes("{\"code\":\"x\",\"e\":true,\"value\":12}"))).isFalse();
        assertThat(JsonNumbers.hugeExponent(bytes("1e"))).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
