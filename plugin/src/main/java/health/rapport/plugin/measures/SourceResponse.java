package health.rapport.plugin.measures;

import health.rapport.plugin.fhir.Canonicals;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;

/**
 * The stored QuestionnaireResponse version a derived resource comes from. Identifiers built from it
 * are deterministic and version-free, so conditional create turns a second processing into a no-op,
 * and a new version (an amended response) finds and revises what the earlier one produced.
 *
 * <p>Used by both the measures and the inventory processors; it would sit well in the shared
 * {@code fhir} package.
 *
 * @param id the logical id of the response
 * @param versionId its version
 */
public record SourceResponse(String id, String versionId) {

    public SourceResponse {
        requireToken(id, "id");
        requireToken(versionId, "version");
    }

    /**
     * The id and version of a stored response: from {@code meta.versionId}, else from a versioned id.
     *
     * @throws IllegalArgumentException if the response has no id or no version (it was not read from
     *     the FHIR server), since no idempotent identifier can then be built
     */
    public static SourceResponse of(QuestionnaireResponse response) {
        String id = response.getIdElement().getIdPart();
        String version = response.getMeta().getVersionId();
        if (version == null) {
            version = response.getIdElement().getVersionIdPart();
        }
        if (id == null || version == null) {
            throw new IllegalArgumentException(
                    "the QuestionnaireResponse must be a stored version (id and meta.versionId) to derive resources from it");
        }
        return new SourceResponse(id, version);
    }

    /**
     * A reference to the response, for derivedFrom and evidence. Unversioned, as in Rapport's
     * examples: HAPI strips reference versions when encoding by default; the version is kept in the
     * derived resource's identifier.
     */
    public Reference reference() {
        return new Reference("QuestionnaireResponse/" + id);
    }

    /**
     * The identifier of the result derived from this response at {@code path} (a LOINC code, or a
     * linkId path with repetition indices): {@code QuestionnaireResponse/{id}/{path}}, without the
     * version, so that an amended version of the response revises the result rather than adding one.
     */
    public Identifier stableIdentifier(String path) {
        return new Identifier()
                .setSystem(Canonicals.IDENTIFIER_SYSTEM)
                .setValue("QuestionnaireResponse/" + id + "/" + path);
    }

    /**
     * The {@code ifNoneExist} query for a transaction entry creating a resource with this identifier,
     * URL-encoded so that the value's separators survive.
     */
    public static String ifNoneExist(Identifier identifier) {
        return "identifier=" + URLEncoder.encode(identifier.getSystem() + "|" + identifier.getValue(),
                StandardCharsets.UTF_8);
    }

    private static void requireToken(String value, String what) {
        Objects.requireNonNull(value, what);
        // '|' and ',' are separators in token searches; FHIR ids and versions never contain them.
        if (value.isBlank() || value.contains("|") || value.contains(",")) {
            throw new IllegalArgumentException("not a valid " + what + ": '" + value + "'");
        }
    }
}
