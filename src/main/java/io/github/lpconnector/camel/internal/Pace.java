package io.github.lpconnector.camel.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.lpconnector.camel.LivePersonThrottledException;
import io.github.lpconnector.camel.LivePersonThrottledException.Reason;

/**
 * The pace of one LivePerson account and host, shared by every endpoint of a Camel context that calls it: requests
 * get their turn in arrival order at the rate {@link PaceRate} allows, a retry after a 429 ahead of them. A request
 * that cannot leave at once waits in a queue, holding no thread: one task on the component's scheduler hands out the
 * turns when they are due and fails the requests that waited too long. The state is guarded by this object's lock;
 * the turns are handed over (futures completed) outside it.
 */
final class Pace {

    /** Which calls a pace serves; login calls are paused longer after a 429, as LivePerson asks. */
    enum Kind {
        MESSAGING("messaging", 1_000),
        LOGIN("login", 5_000);

        final String tag;
        final long floorMillis;

        Kind(String tag, long floorMillis) {
            this.tag = tag;
            this.floorMillis = floorMillis;
        }
    }

    /**
     * A request's turn.
     *
     * @param leftAt when it was handed over to be sent
     * @param waited whether it had to wait in the queue (only then may the rate grow from its answer)
     */
    record Turn(long leftAt, boolean waited) {
    }

    /** One waiting request; its state changes only under the pace's lock. */
    private static final class Waiter {
        final Object owner;
        final long queuedAt;
        final long deadline;
        final CompletableFuture<Turn> turn = new CompletableFuture<>();
        boolean done;

        Waiter(Object owner, long queuedAt, long maxWaitNanos) {
            this.owner = owner;
            this.queuedAt = queuedAt;
            this.deadline = queuedAt + maxWaitNanos;
        }
    }

    private final Kind kind;
    private final String accountId;
    private final ScheduledExecutorService scheduler;
    private final LivePersonMetrics metrics;
    private final PaceRate rate;
    /** In the order of their turns; a waiter that timed out stays until it reaches the head. */
    private final ArrayDeque<Waiter> line = new ArrayDeque<>();
    /** The same waiters by their maxQueueWait, each in the order of their deadlines. */
    private final Map<Long, ArrayDeque<Waiter>> byMaxWait = new HashMap<>();
    private int waiting;
    private ScheduledFuture<?> wakeUp;
    private long wakeUpAt;
    private boolean closed;
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder pauses = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private volatile double currentRate;
    private volatile int queued;
    private final AutoCloseable gauges;

    Pace(Kind kind, String accountId, double maxRequestsPerSecond, ScheduledExecutorService scheduler,
         LivePersonMetrics metrics) {
        this.kind = kind;
        this.accountId = accountId;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.rate = new PaceRate(maxRequestsPerSecond, System.nanoTime());
        this.currentRate = rate.rate();
        this.gauges = metrics.paceGauges(kind.tag, () -> currentRate, () -> queued);
    }

    Kind kind() {
        return kind;
    }

    synchronized void capAt(double maxRequestsPerSecond) {
        rate.capAt(maxRequestsPerSecond);
        currentRate = rate.rate();
    }

    /**
     * The turn of one request of {@code owner}: complete at once when nothing waits and the rate allows it, later
     * when it is due, or failed with {@link LivePersonThrottledException} when the queue is full, the wait exceeds
     * {@code maxWaitNanos} or the pace closes first. A {@code retry} goes to the head of the queue and is never
     * refused for a full queue.
     */
    CompletableFuture<Turn> turn(Object owner, int maxQueued, long maxWaitNanos, boolean retry) {
        synchronized (this) {
            long now = System.nanoTime();
            if (closed) {
                return refuse(Reason.STOPPED, "the endpoint stopped");
            }
            if (waiting == 0 && rate.mayLeave(now)) {
                rate.left(now);
                metrics.paceWaited(kind.tag, 0);
                return CompletableFuture.completedFuture(new Turn(now, false));
            }
            if (!retry && waiting >= maxQueued) {
                return refuse(Reason.QUEUE_FULL, waiting + " requests already wait for the account's turn"
                                                 + " (maxQueuedRequests)");
            }
            if (maxWaitNanos <= 0) {
                return refuse(Reason.QUEUE_WAIT, "it could not be sent at once and maxQueueWait is 0");
            }
            Waiter waiter = new Waiter(owner, now, maxWaitNanos);
            if (retry) {
                line.addFirst(waiter);
            } else {
                line.addLast(waiter);
            }
            byMaxWait.computeIfAbsent(maxWaitNanos, k -> new ArrayDeque<>()).addLast(waiter);
            queued = ++waiting;
            wakeUpBy(now);
            return waiter.turn;
        }
    }

    /** What LivePerson answered to a request that had {@code turn}: a 429 pauses the pace for {@code pauseNanos}. */
    void answered(Turn turn, int status, long pauseNanos) {
        boolean paused = false;
        synchronized (this) {
            long now = System.nanoTime();
            if (status == 429) {
                paused = rate.rateLimited(now, turn.leftAt(), pauseNanos);
            } else if (status < 500) {
                rate.accepted(now, turn.waited());
            }
            currentRate = rate.rate();
        }
        if (status == 429) {
            rateLimited.increment();
            metrics.rateLimited(kind.tag);
            if (paused) {
                pauses.increment();
                metrics.pacePaused(kind.tag);
            }
        }
    }

    /** Fails the waiting requests of {@code owner} (its endpoint stops); the other endpoints' requests wait on. */
    void abandon(Object owner) {
        List<Waiter> gone = new ArrayList<>();
        synchronized (this) {
            for (Waiter waiter : line) {
                if (!waiter.done && waiter.owner == owner) {
                    leave(waiter);
                    gone.add(waiter);
                }
            }
        }
        fail(gone, Reason.STOPPED, "the endpoint stopped while it waited for its turn");
    }

    /** Fails every waiting request: the component stops. */
    void close() {
        List<Waiter> gone = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Waiter waiter : line) {
                if (!waiter.done) {
                    leave(waiter);
                    gone.add(waiter);
                }
            }
            line.clear();
            byMaxWait.clear();
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
        }
        fail(gone, Reason.STOPPED, "the component stopped while it waited for its turn");
        try {
            gauges.close();
        } catch (Exception e) {
            // the registry is gone already
        }
    }

    /** Hands out the turns that are due, fails the waits that are over, and sets the next wake-up. */
    private void wakeUp() {
        List<Waiter> go = new ArrayList<>();
        List<Waiter> late = new ArrayList<>();
        long now;
        synchronized (this) {
            wakeUp = null;
            now = System.nanoTime();
            for (ArrayDeque<Waiter> deadlines : byMaxWait.values()) {
                for (Waiter w = deadlines.peekFirst(); w != null && (w.done || now - w.deadline >= 0);
                     w = deadlines.peekFirst()) {
                    deadlines.pollFirst();
                    if (!w.done) {
                        leave(w);
                        late.add(w);
                    }
                }
            }
            for (Waiter w = line.peekFirst(); w != null && (w.done || rate.mayLeave(now)); w = line.peekFirst()) {
                line.pollFirst();
                if (!w.done) {
                    leave(w);
                    rate.left(now);
                    go.add(w);
                }
            }
            if (!closed) {
                wakeUpBy(now);
            }
        }
        for (Waiter w : go) {
            metrics.paceWaited(kind.tag, now - w.queuedAt);
            w.turn.complete(new Turn(now, true));
        }
        fail(late, Reason.QUEUE_WAIT, "it waited maxQueueWait without getting its turn");
    }

    /** Makes sure the wake-up task runs by the next turn or deadline; called under the lock. */
    private void wakeUpBy(long now) {
        long next = Long.MAX_VALUE;
        if (waiting > 0) {
            next = rate.nextDeparture();
            for (ArrayDeque<Waiter> deadlines : byMaxWait.values()) {
                Waiter first = deadlines.peekFirst();
                if (first != null && first.deadline - next < 0) {
                    next = first.deadline;
                }
            }
        }
        if (next == Long.MAX_VALUE || (wakeUp != null && wakeUpAt - next <= 0)) {
            return;
        }
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        wakeUpAt = next;
        wakeUp = scheduler.schedule(this::wakeUp, Math.max(0, next - now), TimeUnit.NANOSECONDS);
    }

    private void leave(Waiter waiter) {
        waiter.done = true;
        queued = --waiting;
    }

    private CompletableFuture<Turn> refuse(Reason reason, String why) {
        refused.increment();
        metrics.paceRefused(kind.tag, reason.name().toLowerCase(Locale.ROOT));
        return CompletableFuture.failedFuture(throttled(reason, why));
    }

    private void fail(List<Waiter> waiters, Reason reason, String why) {
        for (Waiter waiter : waiters) {
            refused.increment();
            metrics.paceRefused(kind.tag, reason.name().toLowerCase(Locale.ROOT));
            waiter.turn.completeExceptionally(throttled(reason, why));
        }
    }

    private LivePersonThrottledException throttled(Reason reason, String why) {
        return new LivePersonThrottledException(accountId, reason, String.format(Locale.ROOT,
                "Not sent to LivePerson account %s: %s (its %s calls go at %.1f requests/s); nothing was sent,"
                + " retry later", accountId, why, kind.tag, currentRate));
    }

    /** The pace as plain values, for health details, the dev console and tests. */
    Map<String, Object> state() {
        long pausedFor;
        synchronized (this) {
            pausedFor = rate.pausedFor(System.nanoTime());
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("requestsPerSecond", Math.round(currentRate * 10) / 10.0);
        state.put("queued", queued);
        state.put("pausedMillis", TimeUnit.NANOSECONDS.toMillis(pausedFor));
        state.put("pauses", pauses.sum());
        state.put("http429", rateLimited.sum());
        state.put("refused", refused.sum());
        return state;
    }

    int queued() {
        return queued;
    }

    double requestsPerSecond() {
        return currentRate;
    }
}
