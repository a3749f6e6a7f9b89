package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.rapport.sandbox.Sandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What IT staff do with {@code rapport-host-<version>.zip}: unpack it, configure Rapport by file,
 * run {@code bin/rapport} as its own process, reconfigure and update it by file while it runs,
 * stop it. The FHIR server is the sandbox's.
 */
@ExtendWith(SandboxExtension.class)
class DistributionTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration CHANGE = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void unpackedConfiguredReconfiguredAndUpdatedByFilesOnly(Sandbox sandbox) throws Exception {
        Path home = unpack(Path.of(System.getProperty("rapport.host.zip")), work.resolve("host"));
        int port = SandboxExtension.freePort();
        replaceLine(home.resolve("conf/config.properties"), "org.osgi.service.http.port=", "org.osgi.service.http.port=" + port);
        Path fhirServer = home.resolve("conf/health.rapport.fhirserver.config");
        Files.copy(home.resolve("templates/health.rapport.fhirserver.config"), fhirServer);
        replaceLine(fhirServer, "baseUrl=", "baseUrl=\"" + sandbox.fhirBaseUrl() + "\"");
        String base = "http://127.0.0.1:" + port;
        // The optional Web Console, enabled as docs/install.md says: credentials first, then the jars.
        String consolePassword = java.util.UUID.randomUUID().toString();
        Files.writeString(home.resolve("conf/config.properties"), "\nfelix.webconsole.username=it\n"
                + "felix.webconsole.password=" + consolePassword + "\n", java.nio.file.StandardOpenOption.APPEND);
        try (var consoleJars = Files.list(home.resolve("optional/webconsole"))) {
            for (Path jar : consoleJars.toList()) {
                Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()));
            }
        }

        assertThat(rapport(home, "start")).isZero();
        try {
            HttpResponse<String> ready = poll(base + "/rapport/health", r -> r.statusCode() == 200, START, home);
            JsonNode health = Json.parse(ready.body());
            assertThat(health.path("content").path("status").asText()).isEqualTo("REGISTERED");
            String shipped = health.path("version").asText();
            assertThat(health.has("fhirServer")).isTrue();
            assertThat(ready.body()).as("an anonymous caller never sees the FHIR server's address")
                    .doesNotContain(sandbox.fhirBaseUrl());
            assertThat(rapport(home, "status")).isZero();

            // The Web Console runs on the host's Jakarta whiteboard and shows Rapport's settings as a form.
            assertThat(console(base, "admin", "admin").statusCode()).as("no default password").isEqualTo(401);
            HttpResponse<String> form = console(base, "it", consolePassword);
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(Json.parse(form.body()).path("properties").path("readTimeoutMillis").path("description").asText())
                    .contains("504");

            // Reconfigure by file: a new context path, applied without a restart.
            Files.writeString(home.resolve("conf/health.rapport.http.config"),
                    "osgi.http.whiteboard.context.path=\"/ipt\"\n", StandardCharsets.UTF_8);
            poll(base + "/ipt/health", r -> r.statusCode() == 200, CHANGE, home);
            assertThat(get(base + "/rapport/health").map(HttpResponse::statusCode)).contains(404);

            // Update by file: a new build of the bundle replaces the old one in deploy/.
            String newVersion = "0.1.1.it";
            Path newBuild = withBundleVersion(home.resolve("deploy/rapport-plugin.jar"), newVersion,
                    work.resolve("rapport-plugin-new.jar"));
            Files.move(newBuild, home.resolve("deploy/rapport-plugin.jar"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            HttpResponse<String> updated = poll(base + "/ipt/health",
                    r -> r.statusCode() == 200 && newVersion.equals(Json.parse(r.body()).path("version").asText()),
                    START, home);
            assertThat(Json.parse(updated.body()).path("version").asText()).isNotEqualTo(shipped).isEqualTo(newVersion);
            assertThat(Files.readString(home.resolve("logs/rapport.log")))
                    .as("the host logs to its file").contains("FHIR content registered on");
        } finally {
            assertThat(rapport(home, "stop")).isZero();
        }
        assertThat(rapport(home, "status")).as("stopped").isEqualTo(3);
        assertThat(get(base + "/ipt/health")).isEmpty();
    }

    /** The Web Console's form of health.rapport.fhirserver, as JSON. */
    private static HttpResponse<String> console(String base, String user, String password) {
        String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Http.sendAnonymously(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base + "/system/console/configMgr/health.rapport.fhirserver"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("action=ajaxConfigManager")).build());
    }

    /** Runs {@code bin/rapport <command>} as IT staff would, and returns its exit code. */
    private static int rapport(Path home, String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/rapport").toString(), command)
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("bin-rapport-" + command + ".out").toFile());
        builder.environment().put("RAPPORT_JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1");
        Process process = builder.start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("bin/rapport " + command + " returns").isTrue();
        return process.exitValue();
    }

    private static HttpResponse<String> poll(String url, Predicate<HttpResponse<String>> condition, Duration timeout,
            Path home) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<HttpResponse<String>> last = get(url);
        while (!(last.isPresent() && condition.test(last.get())) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            last = get(url);
        }
        assertThat(last).as("%s in time; host log:%n%s", url, log(home)).isPresent();
        assertThat(condition.test(last.get())).as("%s: %s; host log:%n%s", url, last.get().body(), log(home)).isTrue();
        return last.get();
    }

    /** The answer, or empty while nothing listens. */
    private static Optional<HttpResponse<String>> get(String url) {
        try {
            return Optional.of(Http.getAnonymously(url));
        } catch (UncheckedIOException refused) {
            return Optional.empty();
        }
    }

    private static String log(Path home) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String name : new String[] {"logs/console.log", "logs/rapport.log"}) {
            Path file = home.resolve(name);
            if (Files.exists(file)) {
                String content = Files.readString(file);
                text.append("== ").append(name).append('\n')
                        .append(content, Math.max(0, content.length() - 6000), content.length());
            }
        }
        return text.toString();
    }

    private static Path unpack(Path zip, Path into) throws IOException {
        Path root = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the archive's folder: " + entry.getName());
                }
                if (root == null) {
                    root = into.resolve(into.relativize(target).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        Files.setPosixFilePermissions(root.resolve("bin/rapport"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return root;
    }

    private static void replaceLine(Path file, String prefix, String line) throws IOException {
        String text = Files.readString(file);
        String replaced = text.lines().map(l -> l.startsWith(prefix) ? line : l)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        assertThat(replaced).as("%s has a line starting with %s", file, prefix).contains(line);
        Files.writeString(file, replaced);
    }

    /** The same jar with another Bundle-Version: a new build as far as the host can tell. */
    private static Path withBundleVersion(Path jar, String version, Path out) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (OutputStream file = Files.newOutputStream(out); JarOutputStream copy = new JarOutputStream(file, manifest)) {
                for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                    copy.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(copy);
                    copy.closeEntry();
                }
            }
        }
        return out;
    }
}
