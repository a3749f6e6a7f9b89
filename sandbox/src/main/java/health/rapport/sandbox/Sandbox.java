package health.rapport.sandbox;

import health.rapport.sandbox.ehr.SandboxEhr;
import health.rapport.sandbox.fhir.FhirServer;
import health.rapport.sandbox.fhir.FhirServerSettings;
import health.rapport.sandbox.notify.NotifySecret;
import health.rapport.sandbox.notify.Notifications;
import health.rapport.sandbox.osgi.OsgiHost;
import health.rapport.sandbox.osgi.OsgiHostSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EHR stand-in: a HAPI FHIR JPA server (the record) and an Apache Felix host running
 * the Rapport bundle, configured to use that server.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    private static final String FHIR_SERVER_PID = "health.rapport.fhirserver";
    private static final String APP_PID = "health.rapport.app";
    private static final String CDS_PID = "health.rapport.cds";

    private final FhirServer fhirServer;
    private final OsgiHost osgiHost;
    private final Notifications notifications;

    private Sandbox(FhirServer fhirServer, OsgiHost osgiHost, Notifications notifications) {
        this.fhirServer = fhirServer;
        this.osgiHost = osgiHost;
        this.notifications = notifications;
    }

    /** Starts both parts and returns once Rapport reports itself ready. */
    public static Sandbox start(SandboxOptions options, Duration readyTimeout) {
        FhirServer fhir = FhirServer.start(fhirSettings(options));
        OsgiHost host = null;
        try {
            // Persistent data keeps its secret (the Subscription stored with it stays valid); in memory, a new one.
            String secret = options.inMemory() ? NotifySecret.random() : NotifySecret.of(options.dataDir());
            Map<String, Map<String, Object>> configurations = new HashMap<>();
            configurations.put(FHIR_SERVER_PID, Map.of("baseUrl", fhir.baseUrl()));
            configurations.put(APP_PID, appConfiguration());
            if (options.notifications()) {
                configurations.put(Notifications.PID, Notifications.configuration(secret));
            }
            host = OsgiHost.start(
                    new OsgiHostSettings(osgiStorage(options), "127.0.0.1", options.pluginPort()), configurations);
            Notifications notifications = new Notifications(host, fhir.baseUrl(), host.rapportUrl() + "/notify", secret);
            Sandbox sandbox = new Sandbox(fhir, host, notifications);
            // The EHR side knows Rapport now: its panel is a registered SMART client, and Rapport
            // trusts the EHR's CDS calls (signed with the key whose JWKS the EHR serves).
            fhir.ehr().connectRapport(host.rapportUrl());
            host.configure(CDS_PID, sandbox.cdsConfiguration());
            sandbox.awaitReady(readyTimeout);
            if (options.notifications()) {
                notifications.subscribe();
            }
            return sandbox;
        } catch (RuntimeException e) {
            if (host != null) {
                host.close();
            }
            fhir.close();
            throw e;
        }
    }

    /**
     * The panel opens only by SMART launch from the sandbox EHR (its authorisation server is
     * plain http on loopback, which must be allowed explicitly).
     */
    public static Map<String, Object> appConfiguration() {
        return Map.of("allowHttpAuthorization", true);
    }

    /**
     * Starts one more Felix host running Rapport against the same FHIR server, configured as the
     * first (a second node behind a load balancer) but without a Subscription receiver (configure
     * {@link Notifications#PID} on it for one). Returns once it is ready; the caller closes it.
     */
    public OsgiHost startAnotherHost(Path storageDir, int port, Duration readyTimeout) {
        Map<String, Map<String, Object>> configurations = new HashMap<>();
        configurations.put(FHIR_SERVER_PID, Map.of("baseUrl", fhirServer.baseUrl()));
        configurations.put(APP_PID, appConfiguration());
        OsgiHost host = OsgiHost.start(new OsgiHostSettings(storageDir, "127.0.0.1", port), configurations);
        try {
            host.configure(CDS_PID, cdsConfiguration(host));
            awaitReady(host.rapportUrl(), readyTimeout);
            return host;
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /** Rapport's CDS configuration trusting the sandbox EHR (tests add their own issuers to it). */
    public Map<String, Object> cdsConfiguration() {
        return cdsConfiguration(osgiHost);
    }

    private Map<String, Object> cdsConfiguration(OsgiHost host) {
        Map<String, Object> config = new HashMap<>();
        config.put("trustedIssuers", new String[] {fhirServer.ehr().issuer() + " " + fhirServer.ehr().jwksUrl()});
        config.put("fhirServers", new String[] {fhirServer.baseUrl()});
        config.put("allowHttp", true);
        config.put("serviceBaseUrl", host.rapportUrl() + "/cds-services");
        return config;
    }

    /** The sandbox EHR's patient list, where a clinician opens charts and Rapport. */
    public String ehrUrl() {
        return fhirServer.ehr().chartUrl();
    }

    static FhirServerSettings fhirSettings(SandboxOptions options) {
        FhirServerSettings settings;
        if (options.inMemory()) {
            settings = FhirServerSettings.inMemory();
        } else if (options.jdbcUrl() != null) {
            settings = FhirServerSettings.jdbc(options.jdbcUrl(), options.jdbcUser(), options.jdbcPassword());
        } else {
            settings = FhirServerSettings.h2File(options.dataDir());
        }
        return settings.withPort(options.fhirPort());
    }

    private static Path osgiStorage(SandboxOptions options) {
        try {
            if (options.inMemory()) {
                Files.createDirectories(options.dataDir());
                return Files.createTempDirectory(options.dataDir(), "felix-cache");
            }
            return Files.createDirectories(options.dataDir().resolve("felix-cache"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FhirServer fhirServer() {
        return fhirServer;
    }

    public OsgiHost osgiHost() {
        return osgiHost;
    }

    /** The rest-hook Subscription and Rapport's receiver, to switch on and off. */
    public Notifications notifications() {
        return notifications;
    }

    /** The EHR record's FHIR base, e.g. http://localhost:8080/fhir. */
    public String fhirBaseUrl() {
        return fhirServer.baseUrl();
    }

    /** Rapport's context, e.g. http://127.0.0.1:8081/rapport. */
    public String rapportUrl() {
        return osgiHost.rapportUrl();
    }

    /** Polls {@code /rapport/health} until it answers 200. */
    public void awaitReady(Duration timeout) {
        awaitReady(rapportUrl(), timeout);
    }

    private static void awaitReady(String rapportUrl, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create(rapportUrl + "/health");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
                Thread.sleep(100);
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Rapport", e);
            }
        }
        throw new IllegalStateException("Rapport not ready after " + timeout.toSeconds() + " s: " + last);
    }

    @Override
    public void close() {
        LOG.info("Stopping the sandbox");
        osgiHost.close();
        fhirServer.close();
    }
}
