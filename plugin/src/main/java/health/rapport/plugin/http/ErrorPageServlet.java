package health.rapport.plugin.http;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The error page of Rapport's HTTP context: whatever the host's servlet container would answer
 * with its own HTML page (no servlet at this path, a method a servlet does not serve, an uncaught
 * failure) is answered with an OperationOutcome instead. The container's message is logged, never
 * sent: it may name classes or paths.
 */
@Component(service = Servlet.class,
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardServletName("rapport-errors")
@HttpWhiteboardServletErrorPage(errorPage = {"4xx", "5xx"})
public final class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ErrorPageServlet.class);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute("jakarta.servlet.error.status_code");
        int status = code instanceof Integer value ? value : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        // The request's own id: the container may call its error page after the request's filters ended.
        String correlation = RequestIds.of(request);
        try (MDC.MDCCloseable scope = MDC.putCloseable(RequestIds.MDC_KEY, correlation)) {
            Object thrown = request.getAttribute("jakarta.servlet.error.exception");
            if (thrown instanceof Throwable failure) {
                LOG.error("[{}] {} {} failed", correlation, request.getMethod(),
                        request.getAttribute("jakarta.servlet.error.request_uri"), failure);
            } else if (status >= 500) {
                LOG.warn("[{}] {} {}: {} {}", correlation, request.getMethod(),
                        request.getAttribute("jakarta.servlet.error.request_uri"), status,
                        request.getAttribute("jakarta.servlet.error.message"));
            }
            ErrorAnswers.send(response, status, RapportIssue.forStatus(status), words(status), correlation);
        }
    }

    static String words(int status) {
        return switch (status) {
            case 400 -> "The request could not be read.";
            case 401 -> "This Rapport endpoint needs an access token from the EHR's authorisation server.";
            case 403 -> "This request is not allowed.";
            case 404 -> "Rapport has nothing at this address.";
            case 405 -> "This Rapport endpoint does not answer this HTTP method.";
            case 406, 415 -> "Rapport does not serve or accept this media type here.";
            case 413 -> "The request body is larger than Rapport accepts.";
            default -> status >= 500 ? "Rapport could not complete this request. Give the reference to your "
                    + "administrator." : "Rapport cannot serve this request.";
        };
    }
}
