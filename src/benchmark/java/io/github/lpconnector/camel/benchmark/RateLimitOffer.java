package io.github.lpconnector.camel.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The exchanges of one scenario of {@link RateLimitBenchmark}: handed over to the contender from the driver's thread
 * without waiting for them, all at once or at a steady rate, and counted as they come back, while a sampler notes
 * the most client-side threads the contender added.
 */
final class RateLimitOffer {

    private final Contender contender;
    private final int count;
    private final Set<Long> baseline;
    private final long[] latencies;
    private final long[] openedAt;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong lastBack = new AtomicLong();
    private final CountDownLatch back;
    private final AtomicInteger mostThreads = new AtomicInteger();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private long started;

    /** @param baseline the client-side threads before the contender started, sampler's excluded */
    RateLimitOffer(Contender contender, long count, Set<Long> baseline) {
        this.contender = contender;
        this.count = (int) count;
        this.baseline = baseline;
        this.latencies = new long[this.count];
        this.openedAt = new long[this.count];
        this.back = new CountDownLatch(this.count);
    }

    void handOverAll() {
        start();
        for (int i = 0; i < count; i++) {
            handOver(i);
        }
    }

    void handOverAt(double perSecond) {
        start();
        long period = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        for (int i = 0; i < count; i++) {
            long due = started + i * period;
            for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            handOver(i);
        }
    }

    private void start() {
        // the sampler's own thread is born with the first sample: one less
        sampler.scheduleAtFixedRate(() -> mostThreads.accumulateAndGet(
                Meter.clientThreadsBesides(baseline) - 1, Math::max), 0, 100, TimeUnit.MILLISECONDS);
        started = System.nanoTime();
    }

    private void handOver(int i) {
        long sent = System.nanoTime();
        try {
            contender.submit((conversationId, failure) -> back(i, sent, conversationId != null && failure == null));
        } catch (RuntimeException e) {
            back(i, sent, false);
        }
    }

    private void back(int i, long sent, boolean ok) {
        long now = System.nanoTime();
        if (ok) {
            latencies[i] = now - sent;
            openedAt[i] = now - started;
            opened.incrementAndGet();
        } else {
            latencies[i] = -1;
            failed.incrementAndGet();
        }
        lastBack.accumulateAndGet(now, Math::max);
        back.countDown();
    }

    /** Waits for every exchange to come back; throws when some did not within {@code drain}. */
    void awaitAll(Duration drain) throws InterruptedException {
        try {
            if (!back.await(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(contender.name() + ": " + back.getCount() + " of " + count
                                                + " exchanges still open " + drain + " after the last hand-over");
            }
        } finally {
            sampler.shutdownNow();
        }
    }

    int opened() {
        return opened.get();
    }

    int failed() {
        return failed.get();
    }

    /** Seconds from the first hand-over to the last exchange back. */
    double seconds() {
        return (lastBack.get() - started) / 1e9;
    }

    /** Exchanges that came back with a conversation id within {@code seconds} of the first hand-over. */
    long openedWithin(double seconds) {
        long limit = (long) (seconds * 1e9);
        return Arrays.stream(openedAt).filter(at -> at > 0 && at <= limit).count();
    }

    /** The 99th percentile latency of the opened exchanges, hand-over to callback, ms. */
    double p99LatencyMs() {
        long[] sorted = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        return Window.percentileMs(sorted, 0.99);
    }

    int mostThreads() {
        return mostThreads.get();
    }
}
