package health.rapport.plugin.panel.forms;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.fhir.testing.RapportContent;
import health.rapport.plugin.content.ContentCatalog;
import health.rapport.plugin.content.ContentLibrary;
import java.net.URL;
import java.util.List;
import java.util.Objects;

/** Rapport's shipped content as the bundle's library holds it, read from the test classpath. */
public final class FormContent {

    private static ContentLibrary library;

    private FormContent() {
    }

    public static synchronized ContentLibrary library() {
        if (library == null) {
            List<URL> urls = RapportContent.classpathContent().stream()
                    .map(f -> Objects.requireNonNull(FormContent.class.getClassLoader()
                            .getResource(ContentCatalog.FOLDER + "/" + f.fileName()), f.fileName()))
                    .toList();
            library = ContentLibrary.of(ContentCatalog.read(urls, FhirContext.forR4Cached().newJsonParser()));
        }
        return library;
    }
}
