package health.rapport.plugin.fhir;

import java.util.regex.Pattern;

/** The FHIR R4 logical id rule ({@code [A-Za-z0-9\-\.]{1,64}}), checked wherever an id comes from outside. */
public final class FhirIds {

    /** The id syntax, for patterns that embed it. */
    public static final String SYNTAX = "[A-Za-z0-9\\-.]{1,64}";
    private static final Pattern ID = Pattern.compile(SYNTAX);

    private FhirIds() {
    }

    /** True when {@code value} is a valid logical id (null is not). */
    public static boolean valid(String value) {
        return value != null && ID.matcher(value).matches();
    }
}
