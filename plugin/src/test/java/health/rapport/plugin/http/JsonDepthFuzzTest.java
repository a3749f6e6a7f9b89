package health.rapport.plugin.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * The door's nesting check on hostile bodies: it never throws, and on every body a JSON parser reads it agrees
 * with that parser about the depth (so no body it lets through nests deeper than {@link RequestLimits#MAX_JSON_DEPTH}
 * for the endpoint's parser, and none it refuses is shallow). Seeds: {@code JsonDepthFuzzTestInputs/nesting/}.
 */
class JsonDepthFuzzTest {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
            .build();

    @FuzzTest(maxDuration = "4s")
    void nesting(byte[] body) {
        boolean refused = JsonDepth.exceeds(body, RequestLimits.MAX_JSON_DEPTH);
        Integer depth = parsedDepth(body);
        if (depth != null && refused != depth > RequestLimits.MAX_JSON_DEPTH) {
            throw new AssertionError("JsonDepth says " + (refused ? "deeper" : "not deeper") + " than "
                    + RequestLimits.MAX_JSON_DEPTH + ", a JSON parser reads depth " + depth);
        }
    }

    /** The deepest nesting of a body that is JSON text (one or more values), or null when it is not JSON. */
    private static Integer parsedDepth(byte[] body) {
        int max = 0;
        try (JsonParser parser = JSON.createParser(body)) {
            while (parser.nextToken() != null) {
                max = Math.max(max, parser.getParsingContext().getNestingDepth());
                if (parser.currentToken() == JsonToken.VALUE_STRING) {
                    parser.getText(); // reads (and so checks) the whole string
                }
            }
            return max;
        } catch (IOException e) {
            return null;
        }
    }
}
