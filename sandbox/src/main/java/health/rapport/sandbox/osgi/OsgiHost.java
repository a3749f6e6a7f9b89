package health.rapport.sandbox.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Apache Felix framework with SCR, Config Admin, Metatype and the Jetty 12
 * servlet whiteboard, into which the Rapport bundle is installed: the same host an EHR
 * runs, inside the sandbox's JVM.
 */
public final class OsgiHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OsgiHost.class);
    private static final long SERVICE_WAIT_MILLIS = 30_000;

    private final Framework framework;
    private final OsgiHostSettings settings;

    private OsgiHost(Framework framework, OsgiHostSettings settings) {
        this.framework = framework;
        this.settings = settings;
    }

    /**
     * Starts the framework, installs and starts every host bundle, and applies
     * {@code configurations} (PID → properties) before the Rapport bundle starts, so it
     * activates once, fully configured.
     */
    public static OsgiHost start(OsgiHostSettings settings, Map<String, Map<String, Object>> configurations) {
        long started = System.nanoTime();
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, settings.storageDir().toAbsolutePath().toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SystemPackages.extra());
        properties.put("org.osgi.service.http.port", Integer.toString(settings.httpPort()));
        properties.put("org.apache.felix.http.host", settings.httpHost());
        properties.put("org.apache.felix.http.enable", "true");
        properties.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        properties.put("felix.log.level", "1");

        Framework framework = new FrameworkFactory().newFramework(properties);
        OsgiHost host = new OsgiHost(framework, settings);
        try {
            framework.init();
            List<Bundle> installed = new ArrayList<>();
            for (String name : HostBundles.names()) {
                try (InputStream in = HostBundles.open(name)) {
                    installed.add(framework.getBundleContext().installBundle("sandbox:" + name, in));
                }
            }
            framework.start();
            Bundle rapport = null;
            for (Bundle bundle : installed) {
                if (isRapport(bundle)) {
                    rapport = bundle;
                } else if (!isFragment(bundle)) {
                    bundle.start();
                }
            }
            configurations.forEach(host::configure);
            if (rapport != null) {
                rapport.start();
            }
            LOG.info("OSGi host started in {} ms with {} bundles, HTTP on {}:{}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), installed.size(),
                    settings.httpHost(), settings.httpPort());
            return host;
        } catch (BundleException | IOException | RuntimeException e) {
            host.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException("OSGi host failed to start: " + e.getMessage(), e);
        }
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    public Framework framework() {
        return framework;
    }

    public OsgiHostSettings settings() {
        return settings;
    }

    /** The URL of the Rapport context at its default path, e.g. http://127.0.0.1:8081/rapport. */
    public String rapportUrl() {
        return "http://" + settings.httpHost() + ":" + settings.httpPort() + "/rapport";
    }

    /** The Rapport bundle. */
    public Bundle rapportBundle() {
        for (Bundle bundle : context().getBundles()) {
            if (isRapport(bundle)) {
                return bundle;
            }
        }
        throw new IllegalStateException("the Rapport bundle is not installed");
    }

    /** Creates or replaces the configuration {@code pid}, as an IT administrator would. */
    public void configure(String pid, Map<String, Object> values) {
        withService(ConfigurationAdmin.class, admin -> {
            try {
                Configuration configuration = admin.getConfiguration(pid, "?");
                Dictionary<String, Object> dictionary = new Hashtable<>(values);
                configuration.update(dictionary);
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Deletes the configuration {@code pid}: its components go back to unconfigured. */
    public void unconfigure(String pid) {
        withService(ConfigurationAdmin.class, admin -> {
            try {
                admin.getConfiguration(pid, "?").delete();
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Uses a service of the host (waiting for it to appear) and releases it afterwards.
     * This is host code: bundles get their services through Declarative Services.
     */
    public <S, R> R withService(Class<S> type, Function<S, R> use) {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        try {
            S service = tracker.waitForService(SERVICE_WAIT_MILLIS);
            if (service == null) {
                throw new IllegalStateException("no " + type.getName() + " after " + SERVICE_WAIT_MILLIS + " ms");
            }
            return use.apply(service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + type.getName(), e);
        } finally {
            tracker.close();
        }
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException e) {
            LOG.warn("OSGi host did not stop cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isRapport(Bundle bundle) {
        return "health.rapport.plugin".equals(bundle.getSymbolicName());
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
    }
}
