package health.rapport.plugin.fhir;

import com.fasterxml.jackson.core.util.BufferRecyclers;
import java.util.ResourceBundle;

/**
 * What this bundle's embedded libraries leave in caches of the JVM and of threads the bundle does
 * not own, each holding an instance of one of the bundle's classes, and so its class loader, after
 * an update or uninstall (softly: only a heap running short would free them, never a routine GC).
 * Found by the path to the GC roots of an old class loader in a heap dump (UpdateLeakTest):
 * <ul>
 *   <li>Jackson keeps a buffer per thread (a ThreadLocal of its {@code BufferRecyclers}) on every
 *       thread that read or wrote JSON here: the whiteboard's Jetty threads, the thread that started
 *       the bundle, HAPI's parser included. Its tracking mode records those buffers so that they can
 *       be dropped at once.</li>
 *   <li>HAPI's message localizer loads its {@code hapi-messages} ResourceBundles through the JDK's
 *       ResourceBundle cache, keyed by this bundle's class loader.</li>
 * </ul>
 * Both are released when the last of the bundle's code that may fill them goes: {@link FhirRuntime} (every
 * part that reads FHIR depends on it) and the HTTP context, once the last request that was running when
 * it went has finished (every servlet and filter depends on it, and Jetty's threads are the ones that
 * outlive the bundle). With the release in FhirRuntime only, requests of UpdateLeakTest's light load
 * that were still running, or that reached servlets not depending on it, left buffers on Jetty threads
 * ({@code qtp…}), which kept 3 of 5 old loaders.
 */
public final class JvmWideCaches {

    private JvmWideCaches() {
    }

    /**
     * Switches Jackson's tracking on for this bundle's copy of Jackson; call before any JSON is read.
     * Jackson reads its switch, a system property, once, when {@code BufferRecyclers} initialises: it
     * is set around that moment only, so the host's own Jackson copies are left as the host set them.
     */
    public static synchronized void track() {
        String key = BufferRecyclers.SYSTEM_PROPERTY_TRACK_REUSABLE_BUFFERS;
        String before = System.getProperty(key);
        System.setProperty(key, "true");
        try {
            Class.forName(BufferRecyclers.class.getName(), true, JvmWideCaches.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Jackson is embedded in this bundle", e);
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    /**
     * Drops what the bundle's libraries left in those caches. Returns false when Jackson's buffers
     * were not tracked (Jackson initialised before {@link #track()}), so some may stay behind.
     */
    public static boolean release() {
        ResourceBundle.clearCache(JvmWideCaches.class.getClassLoader());
        return BufferRecyclers.releaseBuffers() >= 0;
    }
}
