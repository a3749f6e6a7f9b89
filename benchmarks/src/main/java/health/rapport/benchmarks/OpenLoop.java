package health.rapport.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * An open-loop run: request {@code i} is due at {@code start + i / rate}, whatever the earlier ones are doing,
 * and its latency runs from that intended time to its answer. A server that falls behind therefore shows its
 * queue in the percentiles instead of slowing the generator down (coordinated omission), and the achieved rate
 * says whether the offered one was sustained. One thread only dispatches; answers arrive on the client's pool.
 */
final class OpenLoop {

    /**
     * @param sortedNanos latencies of the 2xx answers, from the intended send time
     * @param offered requests due in the run
     * @param achievedPerSecond 2xx answers per second, from the first intended send to the last answer
     * @param lateDispatches requests the dispatcher itself sent more than 1 ms after their time (the generator
     *        was short of CPU; their latency still counts from the intended time)
     */
    record Result(long[] sortedNanos, long offered, long errors, long non2xx, double achievedPerSecond,
            long lateDispatches) {
        long percentile(double p) {
            return Stats.percentile(sortedNanos, p);
        }
    }

    private OpenLoop() {
    }

    /**
     * @param requests the i-th request (built before its time comes: a JWT is signed ahead, never on the clock)
     * @param cap at most this many answers outstanding; a request due beyond it is an error, not a wait
     */
    static Result run(HttpClient http, LongFunction<HttpRequest> requests, double rate, int seconds, int cap)
            throws InterruptedException {
        long count = Math.max(1, Math.round(rate * seconds));
        long interval = Math.round(1e9 / rate);
        AtomicLongArray latencies = new AtomicLongArray((int) count);
        AtomicLong errors = new AtomicLong();
        AtomicLong non2xx = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long late = 0;
        HttpRequest next = requests.apply(0);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (long i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
            } else if (-wait > 1_000_000) {
                late++;
            }
            int slot = (int) i;
            latencies.set(slot, -1);
            if (outstanding.incrementAndGet() > cap) {
                outstanding.decrementAndGet();
                errors.incrementAndGet();
            } else {
                pending.add(http.sendAsync(next, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
                    long now = System.nanoTime();
                    outstanding.decrementAndGet();
                    lastAnswer.accumulateAndGet(now, Math::max);
                    if (failure != null) {
                        errors.incrementAndGet();
                    } else if (answer.statusCode() / 100 != 2) {
                        non2xx.incrementAndGet();
                    } else {
                        latencies.set(slot, now - due);
                    }
                }));
            }
            if (i + 1 < count) {
                next = requests.apply(i + 1);
            }
        }
        for (CompletableFuture<?> f : pending) {
            try {
                f.join();
            } catch (RuntimeException e) {
                // counted as an error in whenComplete
            }
        }
        long[] ok = new long[(int) count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (latencies.get(i) >= 0) {
                ok[n++] = latencies.get(i);
            }
        }
        long[] sorted = java.util.Arrays.copyOf(ok, n);
        java.util.Arrays.sort(sorted);
        double span = Math.max(1, lastAnswer.get() - start) / 1e9;
        return new Result(sorted, count, errors.get(), non2xx.get(), n / span, late);
    }

    static String ms(long nanos) {
        return nanos < 0 ? "n/a" : String.format("%.1f", nanos / 1e6);
    }

    /** One table row: scenario, offered rate, achieved rate, p50 / p95 / p99 / max (ms), errors, load average. */
    static String row(String scenario, double rate, Result r, String loadBefore, String loadAfter) {
        return String.format("| %s | %.0f/s | %.1f/s | %s | %s | %s | %s | %d / %d of %d | %d | %s → %s |", scenario, rate,
                r.achievedPerSecond(), ms(r.percentile(50)), ms(r.percentile(95)), ms(r.percentile(99)),
                ms(r.percentile(100)), r.errors(), r.non2xx(), r.offered(), r.lateDispatches(), loadBefore, loadAfter);
    }

    static final String HEADER = "| scenario | offered | achieved | p50 ms | p95 ms | p99 ms | max ms | errors / non-2xx |"
            + " late dispatches | load avg start → end |\n|---|---|---|---|---|---|---|---|---|---|";
}
