package health.rapport.plugin.http;

import health.rapport.plugin.fhir.JsonBytes;

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
        int[] depth = {0};
        return JsonBytes.anyOutsideStrings(json, (text, i) -> switch (text[i]) {
            case '{', '[' -> ++depth[0] > limit;
            case '}', ']' -> {
                depth[0] = Math.max(0, depth[0] - 1);
                yield false;
            }
            default -> false;
        });
    }
}
