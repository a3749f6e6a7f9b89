package health.rapport.plugin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SearchBudgetTest {

    @Test
    void neverRunsMoreSearchesAtOnceThanItsBudget() throws Exception {
        SearchBudget budget = new SearchBudget(3, 10_000);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                int n = i;
                done.add(callers.submit(() -> budget.run("search " + n, () -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    sleep(5);
                    running.decrementAndGet();
                    return n;
                })));
            }
            for (int i = 0; i < done.size(); i++) {
                assertThat(done.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void aTurnThatNeverComesIsAnUnavailableServerAndNothingIsSent() throws Exception {
        SearchBudget budget = new SearchBudget(1, 50);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> budget.run("long search", () -> {
            holding.countDown();
            await(release);
            return null;
        }));
        holder.start();
        holding.await();
        AtomicInteger sent = new AtomicInteger();
        try {
            assertThatThrownBy(() -> budget.run("second search", sent::incrementAndGet))
                    .isInstanceOfSatisfying(ChartStoreException.class,
                            e -> assertThat(e.failure()).isEqualTo(StoreFailure.UNAVAILABLE))
                    .hasMessageContaining("nothing was sent");
            assertThat(sent.get()).isZero();
        } finally {
            release.countDown();
            holder.join();
        }
        // The permit came back: the next search runs.
        assertThat(budget.run("third search", () -> "ran")).isEqualTo("ran");
    }

    @Test
    void aFailedSearchGivesItsTurnBack() {
        SearchBudget budget = new SearchBudget(1, 50);
        assertThatThrownBy(() -> budget.run("failing", () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(budget.run("next", () -> 1)).isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
