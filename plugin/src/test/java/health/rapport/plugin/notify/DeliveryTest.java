package health.rapport.plugin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.notify.Delivery.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryTest {

    @Test
    void hapisPutWithPayloadNamesTheResponse() {
        Delivery delivery = Delivery.parse("PUT", "/QuestionnaireResponse/1333");

        assertThat(delivery.kind()).isEqualTo(Kind.RESPONSE);
        assertThat(delivery.responseId()).contains("1333");
    }

    @ParameterizedTest
    @CsvSource({
        "POST, /QuestionnaireResponse/abc-1, RESPONSE",
        "PUT, /QuestionnaireResponse/abc/_history/3, RESPONSE",
        "PUT, /QuestionnaireResponse/abc/, RESPONSE",
        "POST, , WAKE_UP",
        "POST, /, WAKE_UP",
        "POST, /QuestionnaireResponse, WAKE_UP",
        "DELETE, /QuestionnaireResponse/abc, IGNORED",
        "PUT, /Observation/abc, IGNORED",
        "PUT, , MALFORMED",
        "PATCH, /QuestionnaireResponse/abc, MALFORMED",
        "PUT, /QuestionnaireResponse/a%2Fb, MALFORMED",
        "PUT, /QuestionnaireResponse/../../x, MALFORMED",
        "PUT, /QuestionnaireResponse/abc/extra, MALFORMED",
        "PUT, /QuestionnaireResponse/" + "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij12345, MALFORMED",
    })
    void understandsWhatRestHooksSend(String method, String path, Kind kind) {
        assertThat(Delivery.parse(method, path).kind()).isEqualTo(kind);
    }
}
