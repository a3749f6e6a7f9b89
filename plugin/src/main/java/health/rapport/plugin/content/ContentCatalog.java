package health.rapport.plugin.content;

import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * The definitional FHIR resources this bundle registers on the EHR's FHIR server
 * (Questionnaires, PlanDefinitions, terminology, profiles), read from
 * {@code rapport/content/*.json}. Each must be a
 * canonical resource with {@code url} and {@code version}: that pair is its identity on
 * the FHIR server.
 */
public final class ContentCatalog {

    public static final String FOLDER = "rapport/content";

    private final List<MetadataResource> resources;

    private ContentCatalog(List<MetadataResource> resources) {
        this.resources = List.copyOf(resources);
    }

    public static ContentCatalog read(Iterable<URL> entries, IParser parser) {
        List<MetadataResource> resources = new ArrayList<>();
        for (URL entry : entries) {
            MetadataResource resource = parse(entry, parser);
            // The ImplementationGuide describes the FHIR package for publishers and validators;
            // its literal references name package ids, not the EHR's, so it is not registered.
            if (!(resource instanceof ImplementationGuide)) {
                resources.add(resource);
            }
        }
        resources.sort(Comparator.comparing(MetadataResource::getUrl));
        return new ContentCatalog(resources);
    }

    private static MetadataResource parse(URL entry, IParser parser) {
        try (InputStream in = entry.openStream();
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            if (!(parser.parseResource(reader) instanceof MetadataResource resource)) {
                throw new IllegalStateException(entry + " is not a canonical (definitional) resource");
            }
            if (!resource.hasUrl() || !resource.hasVersion()) {
                throw new IllegalStateException(entry + " lacks url or version");
            }
            return resource;
        } catch (IOException | ca.uhn.fhir.parser.DataFormatException e) {
            throw new IllegalStateException("cannot read " + entry + ": " + e.getMessage(), e);
        }
    }

    public List<MetadataResource> resources() {
        return resources;
    }

    public int size() {
        return resources.size();
    }
}
