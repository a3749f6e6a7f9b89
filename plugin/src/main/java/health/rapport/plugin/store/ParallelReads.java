package health.rapport.plugin.store;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the independent FHIR reads of one request at the same time, each with the request's
 * caller bound ({@link CallerToken}), so the EHR authorises every read as it would the request's
 * own. A view that needs six searches then costs about the slowest of them, not their sum.
 *
 * <p>The pool is small and never queues: when all its threads are busy a read runs on the
 * requesting thread, as it did before (under load the reads of one request are then sequential
 * again, never waiting behind other requests' reads). {@link #SAME_THREAD} runs everything on the
 * caller's thread (unit tests, or no pool).
 */
public final class ParallelReads implements AutoCloseable {

    /** Every read on the requesting thread, in order. */
    public static final ParallelReads SAME_THREAD = new ParallelReads(Runnable::run, null);

    private final Executor executor;
    private final ExecutorService owned;

    private ParallelReads(Executor executor, ExecutorService owned) {
        this.executor = executor;
        this.owned = owned;
    }

    /** A pool of at most {@code threads} daemon threads named {@code name-N}; close it on deactivation. */
    public static ParallelReads pool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                // Busy or shut down: run on the requesting thread (CallerRunsPolicy would drop the read
                // after shutdown, leaving its future, and the request, waiting for ever).
                (read, executor) -> read.run());
        return new ParallelReads(pool, pool);
    }

    /** Starts {@code read} with this thread's caller bound on the thread that runs it. */
    public <T> CompletableFuture<T> start(Supplier<T> read) {
        Optional<CallerToken.Caller> caller = CallerToken.caller();
        return CompletableFuture.supplyAsync(() -> {
            if (caller.isEmpty()) {
                return read.get();
            }
            try (CallerToken.Scope scope = CallerToken.bind(caller.get())) {
                return read.get();
            }
        }, executor);
    }

    /** The read's result, or its own exception (a {@link ChartStoreException} stays one). */
    public static <T> T result(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Stops the pool's threads (reads still running finish on their own; none is started after). */
    @Override
    public void close() {
        if (owned != null) {
            owned.shutdown();
        }
    }
}
