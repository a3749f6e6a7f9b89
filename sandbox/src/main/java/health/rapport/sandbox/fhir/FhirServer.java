package health.rapport.sandbox.fhir;

import health.rapport.sandbox.ehr.SandboxEhr;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.web.context.support.StandardServletEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running HAPI FHIR JPA R4 server (Spring Boot, embedded Tomcat), FHIR base {@code /fhir}.
 *
 * <pre>{@code
 * try (FhirServer fhir = FhirServer.start(FhirServerSettings.h2File(dataDir).withPort(8080))) {
 *     String base = fhir.baseUrl(); // http://localhost:8080/fhir
 * }
 * }</pre>
 *
 * <p>{@link #start} returns once the server answers {@code GET /fhir/metadata}. {@link #close()}
 * stops it; it registers no JVM shutdown hook of its own, so a host that wants Ctrl-C to stop
 * the server cleanly calls {@code close()} from its shutdown hook.
 */
public final class FhirServer implements AutoCloseable {

    /** The FHIR base path under the server root. */
    public static final String BASE_PATH = "/fhir";

    private static final Logger LOG = LoggerFactory.getLogger(FhirServer.class);
    private static final String PROPERTIES = "health/rapport/sandbox/fhir/fhir-server.properties";
    private static final int RANDOM_PORT_ATTEMPTS = 3;
    private static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(2);

    private final ConfigurableApplicationContext context;
    private final FhirServerSettings settings;
    private final Database database;
    private final SandboxEhr ehr;
    private final int port;
    private final String baseUrl;
    private final long startupMillis;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FhirServer(ConfigurableApplicationContext context, FhirServerSettings settings, Database database,
                       SandboxEhr ehr, int port, String baseUrl, long startupMillis) {
        this.context = context;
        this.settings = settings;
        this.database = database;
        this.ehr = ehr;
        this.port = port;
        this.baseUrl = baseUrl;
        this.startupMillis = startupMillis;
    }

    /**
     * Starts a server and waits until it answers. Blocks for the whole cold start (tens of seconds
     * on two cores).
     *
     * @throws IllegalStateException if the port is taken or the server cannot start
     */
    public static FhirServer start(FhirServerSettings settings) {
        long started = System.nanoTime();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Spring Boot and HAPI look services up through the context class loader; the host
        // (e.g. a launcher that also embeds Felix) may have set another one.
        thread.setContextClassLoader(FhirServer.class.getClassLoader());
        try {
            Database database = Database.of(settings.storage());
            SandboxEhr ehr = new SandboxEhr();
            ConfigurableApplicationContext context = null;
            for (int attempt = 1; context == null; attempt++) {
                int port = settings.port() == 0
                        ? freePort(settings.bindAddress())
                        : requireFree(settings.bindAddress(), settings.port());
                try {
                    context = boot(settings, database, ehr, port);
                } catch (RuntimeException e) {
                    if (settings.port() == 0 && attempt < RANDOM_PORT_ATTEMPTS && causedByPortInUse(e)) {
                        LOG.warn("Port {} was taken while the FHIR server started; retrying on another port", port);
                        continue;
                    }
                    database.dropInMemory();
                    throw new IllegalStateException("The FHIR server failed to start (" + settings.storage() + ")", e);
                }
            }
            int boundPort = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            String baseUrl = "http://" + urlHost(settings.bindAddress()) + ":" + boundPort + BASE_PATH;
            ehr.fhirBase(baseUrl);
            try {
                warmUp(baseUrl);
                createClinician(baseUrl);
            } catch (RuntimeException e) {
                context.close();
                database.dropInMemory();
                throw e;
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            LOG.info("FHIR server ready at {} in {} ms ({})", baseUrl, millis, settings.storage());
            return new FhirServer(context, settings, database, ehr, boundPort, baseUrl, millis);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The FHIR base URL, e.g. {@code http://localhost:8080/fhir}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The EHR around the record: SMART authorisation server, CDS signing key, chart page at /ehr/. */
    public SandboxEhr ehr() {
        return ehr;
    }

    /** The port the HTTP connector is bound to (the chosen one when the settings asked for 0). */
    public int port() {
        return port;
    }

    public FhirServerSettings settings() {
        return settings;
    }

    /** Milliseconds from {@link #start} to the first successful {@code GET /fhir/metadata}. */
    public long startupMillis() {
        return startupMillis;
    }

    public boolean isRunning() {
        return !closed.get() && context.isActive();
    }

    /** Stops the server (HTTP, HAPI's schedulers, the database pool). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(FhirServer.class.getClassLoader());
        try {
            context.close();
        } finally {
            ehr.stop();
            database.dropInMemory();
            thread.setContextClassLoader(previous);
        }
        LOG.info("FHIR server at {} stopped in {} ms", baseUrl,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    public String toString() {
        return "FhirServer[" + baseUrl + ", " + settings.storage() + (closed.get() ? ", closed" : "") + "]";
    }

    private static ConfigurableApplicationContext boot(FhirServerSettings settings, Database database, SandboxEhr ehr,
                                                       int port) {
        ClassLoader classLoader = FhirServer.class.getClassLoader();
        // Tomcat would otherwise install its JVM-wide URLStreamHandlerFactory (for war: URLs, which
        // an embedded server does not use); an OSGi framework in the same JVM needs that slot.
        TomcatURLStreamHandlerFactory.disable();
        StandardServletEnvironment environment = new StandardServletEnvironment();
        // Highest precedence: what this server must be, whatever the JVM's system properties or
        // environment variables say (SERVER_PORT and the like must not move it).
        environment.getPropertySources().addFirst(new MapPropertySource("rapportFhirServer", runtimeProperties(settings, port)));
        environment.getPropertySources().addAfter("rapportFhirServer", new PropertiesPropertySource(PROPERTIES, staticProperties()));

        SpringApplication application = new SpringApplication(new DefaultResourceLoader(classLoader), FhirServerApplication.class);
        application.setMainApplicationClass(FhirServerApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setEnvironment(environment);
        application.setBannerMode(Banner.Mode.OFF);
        application.setRegisterShutdownHook(false);
        application.addInitializers(context -> {
            context.getBeanFactory().registerSingleton(FhirServerApplication.DATABASE_BEAN, database);
            context.getBeanFactory().registerSingleton(FhirServerApplication.EHR_BEAN, ehr);
        });
        if (!settings.configureLogging()) {
            List<ApplicationListener<?>> listeners = application.getListeners().stream()
                    .filter(listener -> !(listener instanceof LoggingApplicationListener))
                    .toList();
            application.setListeners(listeners);
        }
        return application.run();
    }

    private static Map<String, Object> runtimeProperties(FhirServerSettings settings, int port) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", port);
        if (!isWildcard(settings.bindAddress())) {
            properties.put("server.address", settings.bindAddress());
        }
        // Only our named file is read: an application.properties/yml elsewhere on the class path
        // (another module's, the host's) is ignored.
        properties.put("spring.config.location", "optional:classpath:/" + PROPERTIES);
        if (settings.configureLogging()) {
            properties.put("logging.config", FhirServerSettings.LOGBACK_CONFIG);
        }
        return properties;
    }

    private static Properties staticProperties() {
        try {
            return PropertiesLoaderUtils.loadProperties(new ClassPathResource(PROPERTIES, FhirServer.class.getClassLoader()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PROPERTIES, e);
        }
    }

    /** Asks the OS for a free port on the bind address (a real bind, then released). */
    static int freePort(String bindAddress) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(inetAddress(bindAddress), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot find a free port on " + bindAddress, e);
        }
    }

    /** Fails fast, before the long Spring start, when a fixed port is already taken. */
    static int requireFree(String bindAddress, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(inetAddress(bindAddress), port));
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on " + bindAddress
                    + " is already in use; choose another FHIR server port (0 picks a free one)", e);
        }
    }

    private static InetAddress inetAddress(String bindAddress) throws UnknownHostException {
        return isWildcard(bindAddress) ? null : InetAddress.getByName(bindAddress);
    }

    private static boolean isWildcard(String bindAddress) {
        return bindAddress.isEmpty() || bindAddress.equals("0.0.0.0") || bindAddress.equals("::");
    }

    private static String urlHost(String bindAddress) {
        if (isWildcard(bindAddress) || bindAddress.equals("127.0.0.1") || bindAddress.equals("localhost")) {
            return "localhost";
        }
        return bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    }

    private static boolean causedByPortInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PortInUseException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The sandbox EHR's signed-in clinician, as a Practitioner in its own record (PUT: created once):
     * the user behind the EHR's tokens ({@link SandboxEhr#clinicianToken()}) and its launches.
     */
    static void createClinician(String fhirBase) {
        String id = SandboxEhr.PRACTITIONER.substring("Practitioner/".length());
        String body = "{\"resourceType\":\"Practitioner\",\"id\":\"" + id + "\",\"name\":[{\"family\":\"Clinician\","
                + "\"given\":[\"Sandbox\"]}]}";
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fhirBase + "/"
                    + SandboxEhr.PRACTITIONER)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/fhir+json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException("creating the sandbox clinician answered " + answer.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first CapabilityStatement is built lazily and takes a while; fetching it here makes
     * "ready" mean ready and proves the servlet answers through the real connector.
     */
    private static void warmUp(String baseUrl) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/metadata"))
                .header("Accept", "application/fhir+json")
                .timeout(WARM_UP_TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + request.uri(), e);
        }
    }
}
