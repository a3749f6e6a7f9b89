package health.rapport.plugin.fhir;

import java.util.function.Supplier;

/**
 * Runs code with the thread context class loader set to this bundle's class loader.
 * HAPI looks up its cache provider and other services through the TCCL (ServiceLoader);
 * on a host thread the TCCL does not see the embedded jars, and HAPI then fails with
 * HAPI-2200 for the rest of the bundle's life.
 */
public final class BundleClassLoader implements AutoCloseable {

    private final Thread thread;
    private final ClassLoader previous;

    private BundleClassLoader() {
        this.thread = Thread.currentThread();
        this.previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BundleClassLoader.class.getClassLoader());
    }

    /** Sets the TCCL until {@link #close()}: {@code try (var tccl = BundleClassLoader.enter()) {…}}. */
    public static BundleClassLoader enter() {
        return new BundleClassLoader();
    }

    public static <T> T call(Supplier<T> work) {
        try (BundleClassLoader tccl = enter()) {
            return work.get();
        }
    }

    @Override
    public void close() {
        thread.setContextClassLoader(previous);
    }
}
