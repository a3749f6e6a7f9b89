package health.rapport.it;

import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one sandbox of this test run: a real HAPI FHIR JPA server on in-memory H2
 * and a real Apache Felix host running the Rapport bundle, on free loopback ports. It is
 * started by the first test that asks and stopped when the run ends.
 */
public final class SandboxExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SandboxExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Sandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningSandbox.class, k -> RunningSandbox.start(), RunningSandbox.class)
                .sandbox();
    }

    /** Stops the sandbox when JUnit closes the root store at the end of the run. */
    record RunningSandbox(Sandbox sandbox) implements ExtensionContext.Store.CloseableResource {

        static RunningSandbox start() {
            try {
                Path scratch = Files.createTempDirectory("rapport-it");
                int fhirPort = freePort();
                int pluginPort = freePort();
                while (pluginPort == fhirPort) {
                    pluginPort = freePort();
                }
                Sandbox sandbox = Sandbox.start(
                        SandboxOptions.inMemory(scratch, fhirPort, pluginPort).withNotifications(false),
                        Duration.ofMinutes(3));
                // Rapport refuses anonymous callers: tests call it as the sandbox clinician unless they say otherwise.
                Http.defaultCaller(sandbox.rapportUrl(), () -> sandbox.fhirServer().ehr().clinicianToken());
                return new RunningSandbox(sandbox);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            sandbox.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
