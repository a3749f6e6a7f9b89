package health.rapport.plugin.http;

import health.rapport.plugin.config.RequestLimitsConfiguration;
import health.rapport.plugin.fhir.JsonNumbers;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Holds every request to Rapport's limits before an endpoint reads it: a body larger than the
 * configured limit is refused with 413 (a declared length over the limit unread; a chunked body
 * once it passes the limit); a JSON body nested more deeply than {@value #MAX_JSON_DEPTH} levels
 * is refused with 400, so no parser behind recurses that deep, and so is one holding a number with an
 * exponent beyond ±999 ({@link JsonNumbers}: HAPI's parser spends seconds to hours on one). Each with an
 * OperationOutcome.
 */
// Ranked first: an oversized body is refused before anything else (token checks included) runs.
@Component(service = Filter.class, configurationPid = RequestLimitsConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "service.ranking:Integer=1000",
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@Designate(ocd = RequestLimitsConfiguration.class)
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardFilterPattern("/*")
public final class RequestLimits implements Filter {

    /** Far deeper than any FHIR resource Rapport reads (a nested Inventory response is about 20). */
    static final int MAX_JSON_DEPTH = 100;

    private final int maxBytes;

    @Activate
    public RequestLimits(RequestLimitsConfiguration configuration) {
        this.maxBytes = configuration.maxRequestBytes();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            // Read and drop a body up to twice the limit so the client, still sending, reads the 413;
            // anything larger is not worth reading: the connection is closed on it.
            if (declared <= 2L * maxBytes) {
                request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } else {
                response.setHeader("Connection", "close");
            }
            refuse(response);
            return;
        }
        boolean json = request.getContentType() != null && request.getContentType().toLowerCase(java.util.Locale.ROOT)
                .contains("json");
        if (declared == 0 || (!json && (declared > 0 || !hasBody(request)))) {
            chain.doFilter(req, res);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            // The rest of a chunked body is not read: close the connection rather than drain it.
            response.setHeader("Connection", "close");
            refuse(response);
            return;
        }
        if (json && JsonDepth.exceeds(body, MAX_JSON_DEPTH)) {
            ErrorAnswers.send(response, HttpServletResponse.SC_BAD_REQUEST, RapportIssue.INVALID,
                    "The JSON body is nested more than " + MAX_JSON_DEPTH + " levels deep; Rapport does not read it.");
            return;
        }
        if (json && JsonNumbers.hugeExponent(body)) {
            ErrorAnswers.send(response, HttpServletResponse.SC_BAD_REQUEST, RapportIssue.INVALID,
                    "The JSON body holds a number with an exponent beyond ±999; Rapport does not read it.");
            return;
        }
        chain.doFilter(new Buffered(request, body), res);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getHeader("Transfer-Encoding") != null;
    }

    private void refuse(HttpServletResponse response) throws IOException {
        ErrorAnswers.send(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, RapportIssue.TOO_LARGE,
                "The request body is larger than " + maxBytes + " bytes, the most Rapport accepts.");
    }

    /** The request with its body already read into memory (at most the limit). */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return body.length == 0 || isReadyAndEmpty();
                }

                private boolean isReadyAndEmpty() {
                    try {
                        return in.available() == 0;
                    } catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("Rapport reads request bodies synchronously");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(new ByteArrayInputStream(body),
                    java.nio.charset.Charset.forName(encoding)));
        }
    }
}
