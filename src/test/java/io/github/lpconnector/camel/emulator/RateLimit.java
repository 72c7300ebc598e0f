package io.github.lpconnector.camel.emulator;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run-time rate control of a {@link LiveEngageEmulator}: a token bucket per account for CREATE and SEND, refilled at
 * {@link #permitsPerSecond()} with a burst of the same size (one second's worth). Over the limit the emulator answers
 * 429 with a {@code Retry-After} header (whole seconds, at least 1) and an error body (errorCode 42901). Zero or
 * negative = unlimited. Uses {@link System#nanoTime()}, not the emulator clock. Thread-safe.
 */
public final class RateLimit {

    private volatile int permitsPerSecond;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong limited = new AtomicLong();

    RateLimit(int permitsPerSecond) {
        this.permitsPerSecond = permitsPerSecond;
    }

    /** Sets the permits per second per account (0 or negative: unlimited); the buckets restart full. */
    public RateLimit permitsPerSecond(int permits) {
        this.permitsPerSecond = permits;
        buckets.clear();
        return this;
    }

    public int permitsPerSecond() {
        return permitsPerSecond;
    }

    public RateLimit unlimited() {
        return permitsPerSecond(0);
    }

    public boolean isUnlimited() {
        return permitsPerSecond <= 0;
    }

    /** How many requests were refused with 429 by the rate limit (not by fault injection). */
    public long limited() {
        return limited.get();
    }

    void resetCounters() {
        limited.set(0);
        buckets.clear();
    }

    /** @return 0 if a permit was taken, else the seconds the caller should wait (&gt;= 1) */
    long tryAcquire(String accountId) {
        int rate = permitsPerSecond;
        if (rate <= 0) {
            return 0;
        }
        Bucket b = buckets.computeIfAbsent(accountId, a -> new Bucket(rate));
        long wait = b.tryAcquire(rate);
        if (wait > 0) {
            limited.incrementAndGet();
        }
        return wait;
    }

    private static final class Bucket {
        private double tokens;
        private long last = System.nanoTime();

        Bucket(int rate) {
            tokens = rate;
        }

        synchronized long tryAcquire(int rate) {
            long now = System.nanoTime();
            tokens = Math.min(rate, tokens + (now - last) * rate / (double) TimeUnit.SECONDS.toNanos(1));
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double seconds = (1 - tokens) / rate;
            return Math.max(1, (long) Math.ceil(seconds));
        }
    }
}
