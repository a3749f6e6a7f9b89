package health.rapport.plugin.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.MDC;

/**
 * Gives every request to Rapport its id ({@link RequestIds}) for as long as it runs on this thread:
 * in the MDC of the log lines and in the {@value ErrorAnswers#CORRELATION_HEADER} header of the answer.
 */
// Ranked above every other filter of the context: their log lines and refusals carry the id too.
@Component(service = Filter.class, property = "service.ranking:Integer=2000",
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardFilterPattern("/*")
public final class RequestIdFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        String id = RequestIds.assign((HttpServletRequest) req);
        ((HttpServletResponse) res).setHeader(ErrorAnswers.CORRELATION_HEADER, id);
        // A pooled thread must not carry one request's id into the next one's lines.
        try (MDC.MDCCloseable scope = MDC.putCloseable(RequestIds.MDC_KEY, id)) {
            chain.doFilter(req, res);
        }
    }
}
