package health.rapport.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Compares exported IPT documents from two servers as JSON trees. What legitimately differs
 * between servers is normalised away: resource ids and fullUrls (each entry gets a label made of
 * its type and business identifier, and references are rewritten to those labels), server meta
 * (versionId, lastUpdated, source), the document's identifier and timestamp, and the
 * Composition's date. Everything else must be equal, field by field.
 */
final class ExchangeDocuments {

    private static final String ORIGIN = "https://rapport-ipt.org/fhir/identifier/origin";

    private ExchangeDocuments() {
    }

    static JsonNode normalise(String bundleJson) {
        ObjectNode bundle = (ObjectNode) Json.parse(bundleJson);
        Map<String, String> labels = new HashMap<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            String type = resource.path("resourceType").asText();
            String label = type + ":" + businessName(resource);
            labels.put(entry.path("fullUrl").asText(), label);
            if (resource.has("id")) {
                labels.put(type + "/" + resource.path("id").asText(), label);
            }
        }
        bundle.remove(java.util.List.of("id", "identifier", "timestamp"));
        stripServerMeta(bundle);
        for (JsonNode node : bundle.path("entry")) {
            ObjectNode entry = (ObjectNode) node;
            entry.put("fullUrl", labels.get(entry.path("fullUrl").asText()));
            ObjectNode resource = (ObjectNode) entry.path("resource");
            resource.remove("id");
            stripServerMeta(resource);
            if ("Composition".equals(resource.path("resourceType").asText())) {
                resource.remove("date");
            }
            relabel(resource, labels);
        }
        return bundle;
    }

    /** The first path at which two trees differ, for a readable failure. */
    static String firstDifference(JsonNode a, JsonNode b, String path) {
        if (a.equals(b)) {
            return null;
        }
        if (a.isObject() && b.isObject()) {
            Iterator<String> names = a.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                String found = firstDifference(a.path(name), b.path(name), path + "." + name);
                if (found != null) {
                    return found;
                }
            }
            Iterator<String> others = b.fieldNames();
            while (others.hasNext()) {
                String name = others.next();
                if (!a.has(name)) {
                    return path + "." + name + ": missing on the left, " + b.get(name);
                }
            }
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                String found = firstDifference(a.get(i), b.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return path + ": " + a + " ≠ " + b;
    }

    private static String businessName(JsonNode resource) {
        for (JsonNode identifier : identifiers(resource)) {
            if (ORIGIN.equals(identifier.path("system").asText())) {
                return identifier.path("value").asText();
            }
        }
        for (JsonNode identifier : identifiers(resource)) {
            return identifier.path("system").asText() + "|" + identifier.path("value").asText();
        }
        return resource.path("resourceType").asText();
    }

    private static Iterable<JsonNode> identifiers(JsonNode resource) {
        JsonNode identifier = resource.path("identifier");
        if (identifier.isArray()) {
            return identifier;
        }
        return identifier.isObject() ? java.util.List.of(identifier) : java.util.List.of();
    }

    private static void stripServerMeta(ObjectNode resource) {
        if (resource.path("meta") instanceof ObjectNode meta) {
            meta.remove(java.util.List.of("versionId", "lastUpdated", "source"));
            if (meta.isEmpty()) {
                resource.remove("meta");
            }
        }
    }

    private static void relabel(JsonNode node, Map<String, String> labels) {
        if (node instanceof ObjectNode object) {
            JsonNode reference = object.get("reference");
            if (reference != null && reference.isTextual()) {
                String label = labels.get(reference.asText());
                object.set("reference", new TextNode(label == null ? "UNRESOLVED " + reference.asText() : label));
            }
            object.elements().forEachRemaining(child -> relabel(child, labels));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> relabel(child, labels));
        }
    }
}
