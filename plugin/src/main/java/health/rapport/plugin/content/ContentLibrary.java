package health.rapport.plugin.content;

import health.rapport.plugin.fhir.FhirRuntime;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.MetadataResource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The definitions this bundle ships, parsed once per activation and resolvable by
 * canonical: what {@code $apply} and enrolment read, and what registration writes to the
 * EHR. Resolving locally keeps plan application independent of the FHIR server's search.
 */
// Immediate for the same reason as FhirRuntime: parsing the content once per activation.
@Component(service = ContentLibrary.class, immediate = true)
public final class ContentLibrary {

    private final ContentCatalog catalog;

    @Activate
    public ContentLibrary(@Reference FhirRuntime runtime, BundleContext context) {
        this(ContentCatalog.read(entries(context), runtime.jsonParser()));
    }

    private ContentLibrary(ContentCatalog catalog) {
        this.catalog = catalog;
    }

    /** A library over a catalog read elsewhere (tests and benchmarks outside OSGi). */
    public static ContentLibrary of(ContentCatalog catalog) {
        return new ContentLibrary(catalog);
    }

    public List<MetadataResource> resources() {
        return catalog.resources();
    }

    /** Resolves {@code url} or {@code url|version}; without a version, the one shipped. */
    public <T extends MetadataResource> Optional<T> resolve(Class<T> type, String canonical) {
        int bar = canonical.indexOf('|');
        String url = bar < 0 ? canonical : canonical.substring(0, bar);
        String version = bar < 0 ? null : canonical.substring(bar + 1);
        return catalog.resources().stream()
                .filter(type::isInstance)
                .filter(r -> url.equals(r.getUrl()) && (version == null || version.equals(r.getVersion())))
                .map(type::cast)
                .findFirst();
    }

    /** The display of one of Rapport's own codes, from the shipped CodeSystem. */
    public Optional<String> display(String system, String code) {
        if (system == null || code == null) {
            return Optional.empty();
        }
        return resolve(org.hl7.fhir.r4.model.CodeSystem.class, system).stream()
                .flatMap(cs -> cs.getConcept().stream())
                .filter(c -> code.equals(c.getCode()) && c.hasDisplay())
                .map(org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent::getDisplay)
                .findFirst();
    }

    /** Finds a shipped definition by its id in the package (e.g. {@code ipt-acute-course}). */
    public <T extends MetadataResource> Optional<T> byId(Class<T> type, String id) {
        return catalog.resources().stream()
                .filter(type::isInstance)
                .filter(r -> id.equals(r.getIdElement().getIdPart()))
                .map(type::cast)
                .findFirst();
    }

    private static Iterable<URL> entries(BundleContext context) {
        Enumeration<URL> found = context.getBundle().findEntries(ContentCatalog.FOLDER, "*.json", false);
        if (found == null) {
            return Collections.emptyList();
        }
        // {Type}-{id}.json only: package indexes (.index.json) travel beside the resources.
        return Collections.list(found).stream().filter(url -> !url.getPath().contains("/.")).toList();
    }
}
