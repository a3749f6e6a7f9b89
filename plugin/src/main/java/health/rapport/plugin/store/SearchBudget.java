package health.rapport.plugin.store;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many searches this host runs on the FHIR server at once, whatever asks for them. A HAPI JPA
 * server holds up to two database connections for each search it is running (the request and the
 * task loading its matches), and ships with a pool of ten: six searches at once from one
 * {@code $evaluate-measure} starved that pool, and every request on the server then waited 30 s for a
 * connection and failed. Requests past the budget wait their turn on this host instead; a wait
 * longer than {@code maxWaitMillis} fails as the FHIR server being unavailable, with nothing sent.
 */
final class SearchBudget {

    private final Semaphore permits;
    private final long maxWaitMillis;

    SearchBudget(int concurrentSearches, long maxWaitMillis) {
        if (concurrentSearches < 1) {
            throw new IllegalArgumentException("maxConcurrentSearches must be at least 1");
        }
        this.permits = new Semaphore(concurrentSearches, true);
        this.maxWaitMillis = maxWaitMillis;
    }

    <T> T run(String action, Supplier<T> search) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChartStoreException(StoreFailure.UNAVAILABLE, 0, action + ": interrupted while waiting for a turn "
                    + "to search the FHIR server", null, e);
        }
        if (!acquired) {
            throw new ChartStoreException(StoreFailure.UNAVAILABLE, 0, action + ": this host's searches on the FHIR "
                    + "server stayed at their limit for " + maxWaitMillis + " ms; nothing was sent", null, null);
        }
        try {
            return search.get();
        } finally {
            permits.release();
        }
    }
}
