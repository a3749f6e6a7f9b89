package health.rapport.it;

import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.SandboxOptions;
import health.rapport.sandbox.fhir.ScratchPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one sandbox of this test run: a real HAPI FHIR JPA server on in-memory H2
 * and a real Apache Felix host running the Rapport bundle, on free loopback ports. It is
 * started by the first test that asks and stopped when the run ends.
 *
 * <p>With the system property {@value #DATABASE_PROPERTY}{@code =postgresql} (the build's
 * {@code postgresql} test execution) the FHIR server runs on HAPI JPA over PostgreSQL instead,
 * in a database created empty for this run and dropped at its end ({@link ScratchPostgres}
 * says where the server is). Without a usable PostgreSQL server those tests are skipped with
 * the reason, unless {@code rapport.postgres.required=true} (CI) makes that a failure.
 */
public final class SandboxExtension implements ParameterResolver, ExecutionCondition {

    static final String DATABASE_PROPERTY = "rapport.it.database";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SandboxExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!onPostgres()) {
            return ConditionEvaluationResult.enabled("in-memory H2");
        }
        Optional<String> skip = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("postgres-skip", k -> ScratchPostgres.skipReason(), Optional.class);
        return skip.isPresent()
                ? ConditionEvaluationResult.disabled(String.valueOf(skip.get()))
                : ConditionEvaluationResult.enabled("PostgreSQL at " + ScratchPostgres.configuredAdminUrl());
    }

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
    record RunningSandbox(Sandbox sandbox, ScratchPostgres database) implements ExtensionContext.Store.CloseableResource {

        static RunningSandbox start() {
            ScratchPostgres database = onPostgres() ? ScratchPostgres.create("rapport_it") : null;
            try {
                Sandbox sandbox = startSandbox(database);
                // Rapport refuses anonymous callers: tests call it as the sandbox clinician unless they say otherwise.
                Http.defaultCaller(sandbox.rapportUrl(), () -> sandbox.fhirServer().ehr().clinicianToken());
                return new RunningSandbox(sandbox, database);
            } catch (RuntimeException e) {
                if (database != null) {
                    database.close();
                }
                throw e;
            }
        }

        private static Sandbox startSandbox(ScratchPostgres database) {
            try {
                Path scratch = Files.createTempDirectory("rapport-it");
                int fhirPort = freePort();
                int pluginPort = freePort();
                while (pluginPort == fhirPort) {
                    pluginPort = freePort();
                }
                SandboxOptions options = database == null
                        ? SandboxOptions.inMemory(scratch, fhirPort, pluginPort)
                        : new SandboxOptions(scratch, fhirPort, pluginPort, false,
                                database.url(), database.user(), database.password());
                return Sandbox.start(options.withNotifications(false), Duration.ofMinutes(3));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                sandbox.close();
            } finally {
                if (database != null) {
                    database.close();
                }
            }
        }
    }

    static boolean onPostgres() {
        String database = System.getProperty(DATABASE_PROPERTY, "h2");
        if (!database.equals("h2") && !database.equals("postgresql")) {
            throw new IllegalArgumentException(DATABASE_PROPERTY + " must be h2 or postgresql, was " + database);
        }
        return database.equals("postgresql");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
