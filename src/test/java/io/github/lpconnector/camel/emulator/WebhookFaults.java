package io.github.lpconnector.camel.emulator;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivery faults of the emulator's webhook dispatcher, on demand. Thread-safe; each setter takes effect for the next
 * attempt. Shares are in [0,1]; {@link #seed(long)} makes the draws repeatable (for one conversation at a time).
 * <ul>
 * <li>{@link #refuseShare refuse}: the attempt fails as "refused" without contacting the endpoint (an endpoint that
 * is down);</li>
 * <li>{@link #dropShare drop}: the connection is closed before the request is complete (the endpoint sees at most
 * the headers and half the body): "dropped";</li>
 * <li>{@link #timeoutShare timeout}: the request is sent and answered, but the emulator counts the attempt as a read
 * timeout, as LivePerson does with an answer later than 5 s: the endpoint has processed it, LivePerson retries it;</li>
 * </ul>
 * (one draw per attempt, in that order, cumulative: their sum should stay at or below 1), and independently
 * <ul>
 * <li>{@link #duplicateShare duplicate}: a delivered notification is sent once more, byte-identical (same body,
 * same signature), to the next round-robin URL;</li>
 * <li>{@link #reorderShare reorder}: when the next notification of a conversation is taken, the one after it is sent
 * first (possible only when two or more are waiting).</li>
 * </ul>
 * Retries after a fault follow the registration's retry policy, like any failure.
 */
public final class WebhookFaults {

    /** What happens to one attempt. */
    enum Attempt { NONE, REFUSE, DROP, TIMEOUT }

    private record Shares(double refuse, double drop, double timeout, double duplicate, double reorder) {
    }

    private static final Shares NONE = new Shares(0, 0, 0, 0, 0);

    private volatile Shares shares = NONE;
    private Random random = new Random();
    private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();

    WebhookFaults() {
    }

    public synchronized WebhookFaults refuseShare(double share) {
        Shares s = shares;
        shares = new Shares(check(share), s.drop, s.timeout, s.duplicate, s.reorder);
        return this;
    }

    public synchronized WebhookFaults dropShare(double share) {
        Shares s = shares;
        shares = new Shares(s.refuse, check(share), s.timeout, s.duplicate, s.reorder);
        return this;
    }

    public synchronized WebhookFaults timeoutShare(double share) {
        Shares s = shares;
        shares = new Shares(s.refuse, s.drop, check(share), s.duplicate, s.reorder);
        return this;
    }

    public synchronized WebhookFaults duplicateShare(double share) {
        Shares s = shares;
        shares = new Shares(s.refuse, s.drop, s.timeout, check(share), s.reorder);
        return this;
    }

    public synchronized WebhookFaults reorderShare(double share) {
        Shares s = shares;
        shares = new Shares(s.refuse, s.drop, s.timeout, s.duplicate, check(share));
        return this;
    }

    /** Makes the draws repeatable. */
    public synchronized WebhookFaults seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** No faults any more; the counts of injected faults are kept. */
    public synchronized WebhookFaults clear() {
        shares = NONE;
        return this;
    }

    /** Injected faults of one kind: "refuse", "drop", "timeout", "duplicate", "reorder". */
    public long injected(String kind) {
        AtomicLong n = injected.get(kind);
        return n == null ? 0 : n.get();
    }

    /** All injected counts by kind, sorted. */
    public Map<String, Long> injected() {
        Map<String, Long> out = new TreeMap<>();
        injected.forEach((kind, n) -> out.put(kind, n.get()));
        return out;
    }

    /** The shares, e.g. {@code {"duplicate":0.2,...}} (for the admin API). */
    public Map<String, Double> shares() {
        Shares s = shares;
        return Map.of("refuse", s.refuse, "drop", s.drop, "timeout", s.timeout, "duplicate", s.duplicate,
                "reorder", s.reorder);
    }

    void resetCounters() {
        injected.clear();
    }

    synchronized Attempt attempt() {
        Shares s = shares;
        if (s.refuse + s.drop + s.timeout == 0) {
            return Attempt.NONE;
        }
        double r = random.nextDouble();
        Attempt a = r < s.refuse ? Attempt.REFUSE : r < s.refuse + s.drop ? Attempt.DROP
                : r < s.refuse + s.drop + s.timeout ? Attempt.TIMEOUT : Attempt.NONE;
        if (a != Attempt.NONE) {
            count(a.name().toLowerCase(java.util.Locale.ROOT));
        }
        return a;
    }

    synchronized boolean duplicate() {
        return draw(shares.duplicate, "duplicate");
    }

    synchronized boolean reorder() {
        return draw(shares.reorder, "reorder");
    }

    private boolean draw(double share, String kind) {
        if (share == 0 || random.nextDouble() >= share) {
            return false;
        }
        count(kind);
        return true;
    }

    private void count(String kind) {
        injected.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    private static double check(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in [0,1]: " + share);
        }
        return share;
    }
}
