package health.rapport.plugin.testsupport;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Resource;

/**
 * Compares what a processor produced with the expected resource beside its fixtures, semantically: both are
 * FHIR JSON trees, compared after what differs on every run is set aside — server bookkeeping
 * ({@code meta.versionId}, {@code meta.lastUpdated}), the random {@code urn:uuid:} placeholders (numbered in
 * the order they first appear, so the references between new resources are still compared) and the moments
 * of the run itself (any date or dateTime within a day of now reads {@code <now>}; fixtures date their
 * chart in 2025 for that reason). A difference fails the test with every differing path.
 * <p>
 * A missing expected file is written from the actual output when the test runs with
 * {@code -Dfixtures.write=true}; read it before committing it: it becomes the clinical expectation.
 */
public final class ExpectedFhir {

    private static final FhirContext CONTEXT = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final Pattern UUID = Pattern.compile("urn:uuid:[0-9a-fA-F-]{36}");
    private static final Set<String> BOOKKEEPING = Set.of("versionId", "lastUpdated");

    private ExpectedFhir() {
    }

    /** Fails with the differing paths unless {@code actual} is the resource in {@code classpathName}. */
    public static void assertMatches(Resource actual, String classpathName) {
        JsonNode got = normalise(CONTEXT.newJsonParser().encodeResourceToString(actual));
        String expectedJson = read(classpathName, got);
        JsonNode expected = normalise(expectedJson);
        List<String> differences = new ArrayList<>();
        diff("", expected, got, differences);
        if (!differences.isEmpty()) {
            throw new AssertionError("The output differs from " + classpathName + " (" + differences.size()
                    + " difference(s)):\n  " + String.join("\n  ", differences.subList(0, Math.min(40, differences.size())))
                    + "\nActual, normalised:\n" + pretty(got));
        }
    }

    private static String read(String classpathName, JsonNode got) {
        try (InputStream in = ExpectedFhir.class.getClassLoader().getResourceAsStream(classpathName)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Boolean.getBoolean("fixtures.write")) {
            throw new AssertionError(classpathName + " is not on the test class path; run once with -Dfixtures.write=true "
                    + "to write it from this output, then review it. Output, normalised:\n" + pretty(got));
        }
        Path file = Path.of("src/test/resources", classpathName);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pretty(got) + "\n");
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pretty(JsonNode node) {
        try {
            return JSON.writeValueAsString(JSON.treeToValue(node, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode normalise(String json) {
        try {
            JsonNode tree = JSON.readTree(json);
            return normalise(tree, new HashMap<>());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode normalise(JsonNode node, Map<String, String> placeholders) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = JSON.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (BOOKKEEPING.contains(field.getKey())) {
                    continue;
                }
                out.set(field.getKey(), normalise(field.getValue(), placeholders));
            }
            if (out.has("meta") && out.get("meta").isEmpty()) {
                out.remove("meta");
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JSON.createArrayNode();
            array.forEach(n -> out.add(normalise(n, placeholders)));
            return out;
        }
        if (node.isTextual()) {
            return new TextNode(text(node.textValue(), placeholders));
        }
        return node;
    }

    private static String text(String value, Map<String, String> placeholders) {
        if (value.startsWith("urn:uuid:<")) {
            placeholders.putIfAbsent(value, value);
            return value;
        }
        Matcher uuid = UUID.matcher(value);
        StringBuilder out = new StringBuilder();
        while (uuid.find()) {
            String name = placeholders.computeIfAbsent(uuid.group(), u -> "urn:uuid:<" + (placeholders.size() + 1) + ">");
            uuid.appendReplacement(out, Matcher.quoteReplacement(name));
        }
        uuid.appendTail(out);
        return now(out.toString()) ? "<now>" : out.toString();
    }

    /** A date or dateTime of the run itself (within a day of now). */
    private static boolean now(String value) {
        if (!value.matches("\\d{4}-\\d{2}-\\d{2}(T.*)?")) {
            return false;
        }
        try {
            Instant at = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
            return Math.abs(at.getEpochSecond() - Instant.now().getEpochSecond()) < 2 * 86_400;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected == null || actual == null) {
            out.add(path + ": expected " + (expected == null ? "nothing" : expected) + " but was "
                    + (actual == null ? "nothing" : actual));
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            names.forEach(n -> diff(path + "." + n, expected.get(n), actual.get(n), out));
        } else if (expected.isArray() && actual.isArray()) {
            for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
                diff(path + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
        } else if (!expected.equals(actual)) {
            out.add(path + ": expected " + expected + " but was " + actual);
        }
    }
}
