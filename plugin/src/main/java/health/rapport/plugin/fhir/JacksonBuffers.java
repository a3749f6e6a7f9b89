package health.rapport.plugin.fhir;

import com.fasterxml.jackson.core.util.BufferRecyclers;

/**
 * Makes the buffers of this bundle's embedded Jackson releasable. Jackson keeps a buffer per thread
 * (a ThreadLocal of its {@code BufferRecyclers}) on every thread that parsed or wrote JSON here: the
 * whiteboard's Jetty threads, the thread that started the bundle, HAPI's parser included. The value
 * is an instance of this bundle's class, so after an update each such thread kept the old class
 * loader reachable (softly: only heap pressure would free it). Jackson's tracking mode records those
 * buffers so that {@link #release()} drops them all at once, which the last component to go does.
 */
final class JacksonBuffers {

    private JacksonBuffers() {
    }

    /**
     * Switches tracking on for this bundle's copy of Jackson. Jackson reads its switch, a system
     * property, once, when {@code BufferRecyclers} initialises: it is set around that moment only,
     * so the host's own Jackson copies are left as the host configured them.
     */
    static synchronized void track() {
        String key = BufferRecyclers.SYSTEM_PROPERTY_TRACK_REUSABLE_BUFFERS;
        String before = System.getProperty(key);
        System.setProperty(key, "true");
        try {
            Class.forName(BufferRecyclers.class.getName(), true, JacksonBuffers.class.getClassLoader());
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
     * Drops every buffer this bundle's Jackson handed to a thread; the number dropped, or -1 when
     * tracking was not on (Jackson initialised before {@link #track()}).
     */
    static int release() {
        return BufferRecyclers.releaseBuffers();
    }
}
