package health.rapport.plugin.notify;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import health.rapport.plugin.fhir.FhirIds;

/**
 * The Subscription receiver's reading of a rest-hook request (method and path; the body is never trusted) on
 * hostile paths: it never throws, and only a FHIR id ever comes out as the QuestionnaireResponse to re-read (it
 * becomes part of a FHIR URL). Seeds: {@code DeliveryFuzzTestInputs/delivery/} (first byte picks the method,
 * the rest is the path).
 */
class DeliveryFuzzTest {

    private static final String[] METHODS = {"POST", "PUT", "DELETE", "GET", "PATCH", "HEAD", "OPTIONS", ""};

    @FuzzTest(maxDuration = "4s")
    void delivery(FuzzedDataProvider data) {
        String method = METHODS[data.consumeInt(0, METHODS.length - 1)];
        String path = data.consumeBoolean() ? null : data.consumeRemainingAsString();
        Delivery delivery = Delivery.parse(method, path);
        boolean names = delivery.responseId().isPresent();
        if (names != (delivery.kind() == Delivery.Kind.RESPONSE)) {
            throw new AssertionError(delivery + " for " + method + " " + path);
        }
        if (names && !FhirIds.valid(delivery.responseId().get())) {
            throw new AssertionError("not a FHIR id: " + delivery.responseId().get());
        }
    }
}
