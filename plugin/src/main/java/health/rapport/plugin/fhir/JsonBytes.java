package health.rapport.plugin.fhir;

/**
 * One pass over a JSON text's bytes that skips string literals (escaped quotes included), for the
 * checks that must judge a hostile body before any parser builds anything from it
 * ({@code http.JsonDepth}, {@link JsonNumbers}). Syntax is not judged here.
 */
public final class JsonBytes {

    /** Sees one byte outside strings (a string's opening quote included); true stops the pass. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(byte[] json, int index);
    }

    private JsonBytes() {
    }

    /** Whether {@code visitor} stopped the pass at some byte outside strings. */
    public static boolean anyOutsideStrings(byte[] json, Visitor visitor) {
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
                continue;
            }
            if (b == '"') {
                inString = true;
            }
            if (visitor.visit(json, i)) {
                return true;
            }
        }
        return false;
    }
}
