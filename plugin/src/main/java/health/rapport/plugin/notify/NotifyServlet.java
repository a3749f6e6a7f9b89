package health.rapport.plugin.notify;

import health.rapport.plugin.http.ContextGate;
import health.rapport.plugin.http.JsonAnswers;
import health.rapport.plugin.http.RapportHttpContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /rapport/notify}: FHIR rest-hook notifications (PUT/POST/DELETE, see {@link Delivery}),
 * and GET for the receiver's status. The shared secret is checked before anything else; without
 * a configured receiver every request is a bare 401. Accepted notifications are answered at once
 * and processed in the background; a full queue answers 503 with Retry-After.
 */
@Component(service = Servlet.class,
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardServletPattern({"/notify", "/notify/*"})
@HttpWhiteboardServletName("rapport-notify")
public final class NotifyServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Optional<NotifyReceiver> receiver;

    @Activate
    public NotifyServlet(
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            NotifyReceiver receiver) {
        this.receiver = Optional.ofNullable(receiver);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<NotifyReceiver> authenticated = receiver.filter(r -> r.authenticated(request.getHeader(r.headerName())));
        if (authenticated.isEmpty()) {
            // Bare: a sender without the secret learns nothing.
            JsonAnswers.status(response, HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        if ("GET".equals(request.getMethod())) {
            JsonAnswers.send(response, HttpServletResponse.SC_OK, authenticated.get().status());
            return;
        }
        Delivery delivery = Delivery.parse(request.getMethod(), request.getPathInfo());
        switch (delivery.kind()) {
            case MALFORMED -> JsonAnswers.problem(response, HttpServletResponse.SC_BAD_REQUEST, "Not a rest-hook "
                    + "notification Rapport understands: PUT or POST to /notify/QuestionnaireResponse/{id}, or an "
                    + "empty POST to /notify.");
            case IGNORED -> JsonAnswers.status(response, HttpServletResponse.SC_OK);
            case RESPONSE, WAKE_UP -> {
                if (authenticated.get().accept(delivery) == ProcessingQueue.Admission.FULL) {
                    response.setHeader("Retry-After", Integer.toString(NotifyReceiver.RETRY_AFTER_SECONDS));
                    JsonAnswers.status(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                } else {
                    JsonAnswers.status(response, HttpServletResponse.SC_OK);
                }
            }
        }
    }
}
