package health.rapport.plugin.notify;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notified responses waiting for processing: a bounded queue and a small pool of workers, so
 * the servlet answers at once and a burst cannot exhaust memory or threads. A response already
 * waiting is not queued twice: the waiting task reads the then-current version anyway. A
 * notification for a response being processed (it may announce a newer version) makes that
 * task run once more when it ends, instead of a second worker racing it on the FHIR server.
 * This is an economy only; correctness rests on the engine's idempotency on the FHIR server.
 */
final class ProcessingQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingQueue.class);

    enum Admission {
        QUEUED,
        ALREADY_QUEUED,
        FULL
    }

    private final ResponseHandler handler;
    private final ThreadPoolExecutor executor;
    /** Where each known response stands; absent: neither queued nor running. */
    private enum State {
        QUEUED,
        RUNNING,
        RUNNING_AGAIN
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong retryLater = new AtomicLong();

    ProcessingQueue(ResponseHandler handler, int capacity, int workers) {
        this.handler = handler;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(capacity), r -> {
                    Thread thread = new Thread(r, "rapport-notify-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    Admission submit(String responseId) {
        State before = states.putIfAbsent(responseId, State.QUEUED);
        if (before != null) {
            states.computeIfPresent(responseId, (id, s) -> s == State.RUNNING ? State.RUNNING_AGAIN : s);
            accepted.incrementAndGet();
            return Admission.ALREADY_QUEUED;
        }
        try {
            executor.execute(() -> run(responseId));
            accepted.incrementAndGet();
            return Admission.QUEUED;
        } catch (RejectedExecutionException e) {
            states.remove(responseId, State.QUEUED);
            return Admission.FULL;
        }
    }

    private void run(String responseId) {
        running.incrementAndGet();
        try {
            do {
                states.put(responseId, State.RUNNING);
                handleOnce(responseId);
            } while (!states.remove(responseId, State.RUNNING));
        } finally {
            running.decrementAndGet();
        }
    }

    private void handleOnce(String responseId) {
        try {
            Outcome outcome = handler.handle(responseId);
            if (outcome.transientFailure()) {
                retryLater.incrementAndGet();
            }
        } catch (RuntimeException e) {
            LOG.error("Processing QuestionnaireResponse/{} failed unexpectedly", responseId, e);
        } finally {
            completed.incrementAndGet();
        }
    }

    /** Responses waiting or being processed. */
    int backlog() {
        return executor.getQueue().size() + running.get();
    }

    QueueStats stats() {
        return new QueueStats(executor.getQueue().size(), running.get(), accepted.get(), completed.get(),
                retryLater.get());
    }

    /** Stops taking work and gives running tasks a moment; waiting ones are left to reconciliation. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param waiting    queued, not started
     * @param running    being processed
     * @param accepted   notifications taken since activation (including ones merged into a queued task)
     * @param completed  processing runs finished since activation, whatever the outcome
     * @param retryLater finished with a transient failure (left for reconciliation)
     */
    record QueueStats(int waiting, int running, long accepted, long completed, long retryLater) {
    }
}
