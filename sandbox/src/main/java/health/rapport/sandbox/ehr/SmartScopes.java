package health.rapport.sandbox.ehr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SMART App Launch scopes as the sandbox EHR reads them: v2 ({@code patient/Observation.rs},
 * {@code user/*.cruds}, {@code system/*.rs}) and v1 ({@code patient/*.read}, {@code user/*.write},
 * {@code system/*.*}). Anything else in a scope string (launch, openid, fhirUser, ...) grants no
 * access to the record. v2 search-parameter constraints ({@code ?category=...}) are not supported:
 * such a scope grants nothing rather than too much.
 */
public record SmartScopes(List<Scope> scopes) {

    /** Which records a scope reaches: one patient's, what the user may see, or what the client may see. */
    public enum Context { PATIENT, USER, SYSTEM }

    /** One resource scope: context, resource type ({@code *} for all) and permissions (letters of cruds). */
    public record Scope(Context context, String type, String permissions) {

        public boolean allows(char permission) {
            return permissions.indexOf(permission) >= 0;
        }

        public boolean anyType() {
            return "*".equals(type);
        }
    }

    private static final Pattern SCOPE = Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]{1,63})\\.([a-z*]+)");

    public static SmartScopes parse(String scope) {
        List<Scope> scopes = new ArrayList<>();
        for (String part : (scope == null ? "" : scope).trim().split("\\s+")) {
            Matcher m = SCOPE.matcher(part);
            if (!m.matches()) {
                continue;
            }
            permissions(m.group(3)).ifPresent(p -> scopes.add(new Scope(
                    Context.valueOf(m.group(1).toUpperCase(Locale.ROOT)), m.group(2), p)));
        }
        return new SmartScopes(List.copyOf(scopes));
    }

    /** v2 letters in order (c, r, u, d, s), or the v1 words; empty for anything else. */
    static Optional<String> permissions(String text) {
        return switch (text) {
            case "read" -> Optional.of("rs");
            case "write" -> Optional.of("cud");
            case "*" -> Optional.of("cruds");
            default -> text.matches("c?r?u?d?s?") && !text.isEmpty() ? Optional.of(text) : Optional.empty();
        };
    }
}
