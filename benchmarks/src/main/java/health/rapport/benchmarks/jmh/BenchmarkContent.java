package health.rapport.benchmarks.jmh;

import health.rapport.plugin.content.ContentCatalog;
import health.rapport.plugin.content.ContentLibrary;

import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Builds a {@link ContentLibrary} outside OSGi, for the benchmarks: the same
 * {@code rapport/content/*.json} entries the bundle's {@code findEntries} sees (read from the
 * plugin jar, or from {@code plugin/target/classes}, wherever {@link ContentLibrary} was loaded
 * from), through {@link ContentLibrary#of}.
 */
public final class BenchmarkContent {

    private BenchmarkContent() {
    }

    /** The content entries, in the bundle's own filter: {@code *.json}, no dot-files. */
    public static List<URL> entries() {
        Path source = codeSource();
        List<URL> urls = new ArrayList<>();
        try {
            if (Files.isDirectory(source)) {
                Path folder = source.resolve(ContentCatalog.FOLDER);
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.sorted().toList()) {
                        String name = file.getFileName().toString();
                        if (name.endsWith(".json") && !name.startsWith(".")) {
                            urls.add(file.toUri().toURL());
                        }
                    }
                }
            } else {
                String prefix = ContentCatalog.FOLDER + "/";
                try (JarFile jar = new JarFile(source.toFile())) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        String name = entry.getName();
                        if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0 && name.endsWith(".json")
                                && !name.substring(prefix.length()).startsWith(".")) {
                            urls.add(URI.create("jar:" + source.toUri() + "!/" + name).toURL());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (urls.isEmpty()) {
            throw new IllegalStateException("no " + ContentCatalog.FOLDER + "/*.json in " + source
                    + " (build the plugin with `./mvnw -pl benchmarks -am package`)");
        }
        return urls;
    }

    public static ContentCatalog catalog(IParser parser) {
        return ContentCatalog.read(entries(), parser);
    }

    public static ContentLibrary library(IParser parser) {
        return ContentLibrary.of(catalog(parser));
    }

    private static Path codeSource() {
        try {
            return Path.of(ContentLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
