package health.rapport.plugin.security;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Remembers the JWT ids seen until their tokens expire, so a captured token cannot be played
 * again. Bounded: when full, the entry closest to expiry is dropped first, as it is the one
 * whose replay window is nearly closed anyway. One cache per host (the shared record across
 * hosts is {@code cds.SharedReplayGuard}); tokens live at most five minutes, so the size should
 * cover five minutes of requests.
 */
public final class ReplayCache implements ReplayGuard {

    private record Seen(String key, long expiresAtMillis) {
    }

    private final int capacity;
    private final Map<String, Long> expiries = new HashMap<>();
    private final PriorityQueue<Seen> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.expiresAtMillis, b.expiresAtMillis));

    public ReplayCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /**
     * Records {@code key} until {@code expiresAtMillis}.
     *
     * @return true the first time a key is seen while it is valid; false for a replay
     */
    @Override
    public synchronized boolean firstUse(String key, long expiresAtMillis, long nowMillis) {
        evictExpired(nowMillis);
        if (expiries.containsKey(key)) {
            return false;
        }
        while (expiries.size() >= capacity) {
            Seen oldest = byExpiry.poll();
            expiries.remove(oldest.key, oldest.expiresAtMillis);
        }
        expiries.put(key, expiresAtMillis);
        byExpiry.add(new Seen(key, expiresAtMillis));
        return true;
    }

    public synchronized int size() {
        return expiries.size();
    }

    private void evictExpired(long nowMillis) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAtMillis < nowMillis) {
            Seen gone = byExpiry.poll();
            expiries.remove(gone.key, gone.expiresAtMillis);
        }
    }
}
