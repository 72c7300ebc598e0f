package io.github.lpconnector.camel.http;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The deadlines of one client's requests, checked by a sweep every {@code tick} while any request is pending rather
 * than by one timer task per request: a task per request costs a wake-up of the timer thread whenever it becomes the
 * earliest one (at every request when few are in flight). A request expires at most one tick late; a tick is a
 * twentieth of the deadline, between 10 and 250 ms. Nothing runs while nothing is pending.
 */
final class RequestDeadlines {

    /** One daemon thread for the sweeps of every client. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    /** Something with a deadline: {@link #expire()} is called once the deadline has passed, unless done by then. */
    interface Watched {
        boolean isDone();

        long expiresAtNanos();

        void expire();
    }

    private final ConcurrentLinkedQueue<Watched> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sweepScheduled = new AtomicBoolean();
    private final long tickMillis;

    RequestDeadlines(long deadlineMillis) {
        this.tickMillis = Math.max(10, Math.min(250, deadlineMillis / 20));
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "LivePersonHttpDeadline");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    void watch(Watched request) {
        pending.add(request);
        if (!sweepScheduled.get() && sweepScheduled.compareAndSet(false, true)) {
            TIMER.schedule(this::sweep, tickMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Drops what is done, expires what is late, and comes back while anything is left. */
    private void sweep() {
        long now = System.nanoTime();
        for (Iterator<Watched> it = pending.iterator(); it.hasNext(); ) {
            Watched request = it.next();
            if (request.isDone()) {
                it.remove();
            } else if (now - request.expiresAtNanos() >= 0) {
                it.remove();
                request.expire();
            }
        }
        if (pending.isEmpty()) {
            sweepScheduled.set(false);
            // a request watched between the check and the reset saw a sweep scheduled: take its sweep over
            if (pending.isEmpty() || !sweepScheduled.compareAndSet(false, true)) {
                return;
            }
        }
        TIMER.schedule(this::sweep, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** How many requests are watched (done ones stay until the next sweep); for tests. */
    int watched() {
        return pending.size();
    }
}
