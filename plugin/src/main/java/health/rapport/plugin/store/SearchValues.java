package health.rapport.plugin.store;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Encodes values placed in FHIR search and conditional URLs. */
public final class SearchValues {

    private SearchValues() {
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
