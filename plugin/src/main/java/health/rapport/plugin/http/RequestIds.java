package health.rapport.plugin.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The id of the request being served. {@link RequestIdFilter} gives each request one, in the SLF4J MDC
 * (so every log line written while it runs carries it) and in the {@value ErrorAnswers#CORRELATION_HEADER}
 * header; the error answers quote the same id, so a reference a user reads out finds its log lines.
 */
public final class RequestIds {

    /** The MDC key: {@code %X{requestId}} in a log pattern. */
    public static final String MDC_KEY = "requestId";
    /** The header a proxy or load balancer may set; its id is kept when it is a plain token. */
    static final String INCOMING_HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestIds.class.getName();
    // Nothing else from a request goes into the logs unchecked: no spaces, no line breaks, no markup.
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private RequestIds() {
    }

    /** The id of the request this thread serves, or a new one outside a request. */
    public static String current() {
        String id = MDC.get(MDC_KEY);
        return id != null ? id : ErrorAnswers.newId();
    }

    /** The id given to {@code request}, also once the filter has finished (the container's error page). */
    static String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : current();
    }

    /** Gives {@code request} its id: the proxy's when it sent a plain one, else a new one. */
    static String assign(HttpServletRequest request) {
        String incoming = request.getHeader(INCOMING_HEADER);
        String id = incoming != null && PLAIN.matcher(incoming).matches() ? incoming : ErrorAnswers.newId();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }
}
