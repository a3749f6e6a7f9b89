package health.rapport.plugin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessingQueueTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final List<String> handled = new CopyOnWriteArrayList<>();

    /** Blocks every task until released, so the test controls what is queued and what runs. */
    private Outcome blocking(String id) {
        started.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handled.add(id);
        return Outcome.PROCESSED;
    }

    @Test
    void aFullQueueRefusesAndNothingBlocks() throws Exception {
        try (ProcessingQueue queue = new ProcessingQueue(this::blocking, 2, 1)) {
            assertThat(queue.submit("a")).isEqualTo(ProcessingQueue.Admission.QUEUED);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(queue.submit("b")).isEqualTo(ProcessingQueue.Admission.QUEUED);
            assertThat(queue.submit("c")).isEqualTo(ProcessingQueue.Admission.QUEUED);

            assertThat(queue.submit("d")).isEqualTo(ProcessingQueue.Admission.FULL);
            assertThat(queue.stats().waiting()).isEqualTo(2);
            release.countDown();
            awaitIdle(queue);
            assertThat(handled).containsExactly("a", "b", "c");
            // Refused before, taken now: the sender's retry succeeds once there is room.
            assertThat(queue.submit("d")).isEqualTo(ProcessingQueue.Admission.QUEUED);
            awaitIdle(queue);
            assertThat(handled).contains("d");
        }
    }

    @Test
    void aResponseWaitingIsNotQueuedTwice() throws Exception {
        try (ProcessingQueue queue = new ProcessingQueue(this::blocking, 10, 1)) {
            queue.submit("a");
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(queue.submit("b")).isEqualTo(ProcessingQueue.Admission.QUEUED);
            assertThat(queue.submit("b")).isEqualTo(ProcessingQueue.Admission.ALREADY_QUEUED);
            assertThat(queue.submit("b")).isEqualTo(ProcessingQueue.Admission.ALREADY_QUEUED);
            release.countDown();
            awaitIdle(queue);
            assertThat(handled).containsExactly("a", "b");
        }
    }

    @Test
    void aNotificationDuringProcessingRunsItOnceMoreNotConcurrently() throws Exception {
        try (ProcessingQueue queue = new ProcessingQueue(this::blocking, 10, 4)) {
            queue.submit("a");
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            // Two newer notifications while "a" is being processed: one more run, after this one.
            assertThat(queue.submit("a")).isEqualTo(ProcessingQueue.Admission.ALREADY_QUEUED);
            assertThat(queue.submit("a")).isEqualTo(ProcessingQueue.Admission.ALREADY_QUEUED);
            assertThat(queue.stats().running()).isEqualTo(1);
            release.countDown();
            awaitIdle(queue);
            assertThat(handled).containsExactly("a", "a");
            assertThat(queue.stats().completed()).isEqualTo(2);
        }
    }

    @Test
    void aFailingHandlerDoesNotStopTheWorkers() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ProcessingQueue queue = new ProcessingQueue(id -> {
            seen.add(id);
            if (id.equals("bad")) {
                throw new IllegalStateException("defect");
            }
            return id.equals("later") ? Outcome.RETRY_LATER : Outcome.PROCESSED;
        }, 10, 1)) {
            queue.submit("bad");
            queue.submit("later");
            queue.submit("good");
            awaitIdle(queue);
            assertThat(seen).containsExactlyInAnyOrder("bad", "later", "good");
            assertThat(queue.stats().retryLater()).isEqualTo(1);
        }
    }

    private static void awaitIdle(ProcessingQueue queue) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queue.backlog() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(queue.backlog()).isZero();
    }
}
