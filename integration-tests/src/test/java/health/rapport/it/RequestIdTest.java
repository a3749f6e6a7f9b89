package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The reference an error answer gives is the request id every log line of that request carries. */
@ExtendWith(SandboxExtension.class)
class RequestIdTest {

    @Test
    void theIdOfAnErrorAnswerIsOnTheLogLinesOfItsRequest(Sandbox sandbox) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.setContext(context);
        log.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(log);
        HttpResponse<String> refused;
        try {
            refused = Http.get(sandbox.rapportUrl() + "/fhir/NoSuchType/1");
        } finally {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(log);
            log.stop();
        }

        assertThat(refused.statusCode()).isEqualTo(404);
        String id = refused.headers().firstValue("X-Correlation-Id").orElseThrow();
        assertThat(Json.parse(refused.body()).path("id").asText()).isEqualTo(id);
        List<ILoggingEvent> lines = log.list.stream()
                .filter(e -> id.equals(e.getMDCPropertyMap().get("requestId"))).toList();
        assertThat(lines).as("log lines of the request").isNotEmpty()
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("NoSuchType"));
        assertThat(log.list).as("no other request's id")
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap().get("requestId")).isIn(null, id));
    }

    @Test
    void everyAnswerCarriesItsOwnRequestId(Sandbox sandbox) {
        HttpResponse<String> first = Http.getAnonymously(sandbox.rapportUrl() + "/health/live");
        HttpResponse<String> second = Http.getAnonymously(sandbox.rapportUrl() + "/health/live");

        assertThat(first.headers().firstValue("X-Correlation-Id")).isPresent();
        assertThat(first.headers().firstValue("X-Correlation-Id"))
                .isNotEqualTo(second.headers().firstValue("X-Correlation-Id"));
    }
}
