package health.rapport.plugin.http;

/**
 * How deeply a JSON text nests objects and arrays, found by one pass over its bytes without
 * building anything (so a hostile body cannot make this check recurse). Brackets inside strings,
 * escaped quotes included, do not count. Syntax is not judged here: the endpoint's parser does.
 */
final class JsonDepth {

    private JsonDepth() {
    }

    /** Whether {@code json} (UTF-8) opens more than {@code limit} objects or arrays inside each other. */
    static boolean exceeds(byte[] json, int limit) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (byte b : json) {
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
            switch (b) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    if (++depth > limit) {
                        return true;
                    }
                }
                case '}', ']' -> depth = Math.max(0, depth - 1);
                default -> {
                    // Scalars and whitespace.
                }
            }
        }
        return false;
    }
}
