package health.rapport.plugin.notify;

import health.rapport.plugin.fhir.FhirIds;
import health.rapport.plugin.http.Urls;
import java.util.Optional;

/**
 * What one rest-hook request tells Rapport. HAPI FHIR JPA 8.8 (R4 criteria Subscriptions) sends,
 * with a payload, {@code PUT {endpoint}/QuestionnaireResponse/{id}} for creates and updates and
 * {@code DELETE} for deletes; without a payload, an empty {@code POST {endpoint}}. Other servers
 * POST the resource to {@code {endpoint}/QuestionnaireResponse}. Only the id is used: the
 * receiver re-reads the current version from the FHIR server, never trusting the body.
 *
 * @param kind       what to do
 * @param responseId the QuestionnaireResponse's id when {@code kind} is {@link Kind#RESPONSE}
 */
record Delivery(Kind kind, Optional<String> responseId) {

    enum Kind {
        /** A QuestionnaireResponse was created or updated: process it. */
        RESPONSE,
        /** Something changed but the request does not say what (no payload): reconcile soon. */
        WAKE_UP,
        /** Nothing for Rapport to do (a delete, another resource type). */
        IGNORED,
        /** Not a notification Rapport understands. */
        MALFORMED
    }

    private static final String TYPE = "QuestionnaireResponse";
    /** FHIR's id syntax; anything else never reaches a FHIR URL. */

    static Delivery parse(String method, String pathInfo) {
        String path = pathInfo == null ? "" : Urls.withoutTrailingSlash(pathInfo);
        if (path.isEmpty()) {
            return "POST".equals(method) ? of(Kind.WAKE_UP) : of(Kind.MALFORMED);
        }
        String[] segments = path.substring(1).split("/", -1);
        if ("DELETE".equals(method)) {
            return of(Kind.IGNORED);
        }
        if (!"PUT".equals(method) && !"POST".equals(method)) {
            return of(Kind.MALFORMED);
        }
        if (!TYPE.equals(segments[0])) {
            return FhirIds.valid(segments[0]) ? of(Kind.IGNORED) : of(Kind.MALFORMED);
        }
        if (segments.length == 1) {
            // A POST of the resource without an id in the URL: nothing to re-read, so reconcile.
            return "POST".equals(method) ? of(Kind.WAKE_UP) : of(Kind.MALFORMED);
        }
        boolean plain = segments.length == 2;
        boolean versioned = segments.length == 4 && "_history".equals(segments[2]) && FhirIds.valid(segments[3]);
        if ((plain || versioned) && FhirIds.valid(segments[1])) {
            return new Delivery(Kind.RESPONSE, Optional.of(segments[1]));
        }
        return of(Kind.MALFORMED);
    }

    private static Delivery of(Kind kind) {
        return new Delivery(kind, Optional.empty());
    }
}
