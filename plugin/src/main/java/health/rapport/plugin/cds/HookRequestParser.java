package health.rapport.plugin.cds;

import health.rapport.plugin.fhir.FhirIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.Optional;

/** Reads a CDS Hooks request body; refuses what Rapport must not act on. */
final class HookRequestParser {

    /** FHIR R4 id: the patient id becomes part of URLs Rapport calls, so nothing else passes. */

    private final ObjectMapper json;

    HookRequestParser(ObjectMapper json) {
        this.json = json;
    }

    HookRequest parse(byte[] body, String expectedHook) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new InvalidHookRequestException("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidHookRequestException("the body is not a JSON object");
        }
        String hook = text(root, "hook");
        if (!expectedHook.equals(hook)) {
            throw new InvalidHookRequestException("this service answers the " + expectedHook + " hook");
        }
        String instance = text(root, "hookInstance");
        if (instance == null || instance.isBlank()) {
            throw new InvalidHookRequestException("hookInstance is required");
        }
        JsonNode context = root.path("context");
        String patientId = text(context, "patientId");
        if (!FhirIds.valid(patientId)) {
            throw new InvalidHookRequestException("context.patientId must be a FHIR id");
        }
        JsonNode auth = root.path("fhirAuthorization");
        Optional<HookRequest.FhirAuthorization> authorization = auth.isObject()
                ? Optional.of(new HookRequest.FhirAuthorization(text(auth, "access_token"), text(auth, "token_type")))
                : Optional.empty();
        JsonNode prefetch = root.path("prefetch");
        return new HookRequest(hook, instance, patientId, text(context, "userId"), text(root, "fhirServer"),
                authorization, prefetch.isObject() ? prefetch : JsonNodeFactory.instance.objectNode());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
