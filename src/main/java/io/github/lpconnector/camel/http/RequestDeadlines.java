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
 * fortieth of the deadline, between 10 ms and 1 s. Nothing runs while nothing is pending.
 */
final class RequestDeadlines {

    /** One daemon thread for the sweeps of every client. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    /** Something with a deadline: {@link #expire()} is called once the deadline has passed, unless done by then. */
    interface Watched {
        boolean isDone();

        void expire();
    }

    /**
     * A request's place in the sweep. {@link #forget()} it once answered: the sweep then drops the place without
     * keeping the request (and its answer) until the next tick.
     */
    static final class Deadline {
        private final long expiresAtNanos;
        private volatile Watched request;

        private Deadline(Watched request, long expiresAtNanos) {
            this.request = request;
            this.expiresAtNanos = expiresAtNanos;
        }

        void forget() {
            request = null;
        }
    }

    private final ConcurrentLinkedQueue<Deadline> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sweepScheduled = new AtomicBoolean();
    private final long deadlineNanos;
    private final long tickMillis;

    RequestDeadlines(long deadlineMillis) {
        this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        this.tickMillis = Math.max(10, Math.min(1000, deadlineMillis / 40));
    }

    private static ScheduledThreadPoolExecutor timer() {
        return new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "LivePersonHttpDeadline");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the deadline of {@code request}, from now. */
    Deadline watch(Watched request) {
        Deadline deadline = new Deadline(request, System.nanoTime() + deadlineNanos);
        pending.add(deadline);
        if (!sweepScheduled.get() && sweepScheduled.compareAndSet(false, true)) {
            TIMER.schedule(this::sweep, tickMillis, TimeUnit.MILLISECONDS);
        }
        return deadline;
    }

    /** Drops what is answered, expires what is late, and comes back while anything is left. */
    private void sweep() {
        long now = System.nanoTime();
        for (Iterator<Deadline> it = pending.iterator(); it.hasNext(); ) {
            Deadline deadline = it.next();
            Watched request = deadline.request;
            if (request == null || request.isDone()) {
                it.remove();
            } else if (now - deadline.expiresAtNanos >= 0) {
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

    /** How many deadlines are watched (answered ones stay until the next sweep); for tests. */
    int watched() {
        return pending.size();
    }
}
