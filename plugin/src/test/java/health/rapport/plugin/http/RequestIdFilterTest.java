package health.rapport.plugin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestIdFilterTest {

    private final Map<String, Object> attributes = new HashMap<>();
    private final HttpServletRequest request = mock(HttpServletRequest.class);
    private final HttpServletResponse response = mock(HttpServletResponse.class);
    private final FilterChain chain = mock(FilterChain.class);
    private final AtomicReference<String> seenByTheChain = new AtomicReference<>();
    private final AtomicReference<String> answeredByTheChain = new AtomicReference<>();

    RequestIdFilterTest() throws Exception {
        doAnswer(call -> attributes.put(call.getArgument(0), call.getArgument(1)))
                .when(request).setAttribute(any(), any());
        when(request.getAttribute(any())).thenAnswer(call -> attributes.get(call.<String>getArgument(0)));
        doAnswer(call -> {
            seenByTheChain.set(MDC.get(RequestIds.MDC_KEY));
            answeredByTheChain.set(ErrorAnswers.correlationId());
            return null;
        }).when(chain).doFilter(any(), any());
    }

    @Test
    void theLogLinesAndTheErrorAnswersOfARequestShareItsIdWhichEndsWithIt() throws Exception {
        new RequestIdFilter().doFilter(request, response, chain);

        assertThat(seenByTheChain.get()).matches("[a-z2-9]{12}");
        assertThat(answeredByTheChain.get()).isEqualTo(seenByTheChain.get());
        verify(response).setHeader(ErrorAnswers.CORRELATION_HEADER, seenByTheChain.get());
        assertThat(RequestIds.of(request)).as("for the error page, after the filter").isEqualTo(seenByTheChain.get());
        assertThat(MDC.get(RequestIds.MDC_KEY)).as("nothing left on the thread").isNull();
    }

    @Test
    void aProxysPlainRequestIdIsKeptAndAnythingElseReplaced() throws Exception {
        when(request.getHeader(RequestIds.INCOMING_HEADER)).thenReturn("lb-7f3a9c21-0001");
        new RequestIdFilter().doFilter(request, response, chain);
        assertThat(seenByTheChain.get()).isEqualTo("lb-7f3a9c21-0001");

        when(request.getHeader(RequestIds.INCOMING_HEADER)).thenReturn("x\nFAKE LOG LINE");
        new RequestIdFilter().doFilter(request, response, chain);
        assertThat(seenByTheChain.get()).matches("[a-z2-9]{12}");
    }

    @Test
    void outsideARequestEachErrorGetsANewId() {
        assertThat(ErrorAnswers.correlationId()).isNotEqualTo(ErrorAnswers.correlationId());
    }
}
