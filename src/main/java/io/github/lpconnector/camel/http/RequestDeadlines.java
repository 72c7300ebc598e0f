package io.github.lpconnector.camel.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The deadlines of one client's requests, checked by one sweep at a time rather than by one timer task per request
 * (a task per request costs a wake-up of the timer thread whenever it becomes the earliest one, at every request when
 * few are in flight). Every request of a client has the same deadline, so the oldest request pending is the next to
 * expire: the sweep is scheduled for its deadline, expires what is late, and is scheduled again for the oldest request
 * left. Answered requests are dropped from the front when the next request is watched (the oldest are usually
 * answered first), and by an extra sweep every {@value #DROP_ANSWERED_EVERY} requests, for those queued behind one
 * that takes long; so a client does not keep their places until the next deadline, and a sweep walks little more than
 * the requests in flight. Nothing runs while nothing is pending, and a request or two a second cost no more than a
 * wake-up per deadline.
 */
final class RequestDeadlines {

    /** After this many requests since the last sweep, one runs to drop the answered ones. */
    static final int DROP_ANSWERED_EVERY = 4096;

    /** One daemon thread for the sweeps of every client. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    /** Something with a deadline: {@link #expire()} is called once the deadline has passed, unless done by then. */
    interface Watched {
        boolean isDone();

        void expire();
    }

    /**
     * A request's place in the sweep. {@link #forget()} it once answered: the sweep then drops the place without
     * keeping the request (and its answer) until then.
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

        boolean answered() {
            Watched r = request;
            return r == null || r.isDone();
        }
    }

    private final ConcurrentLinkedQueue<Deadline> pending = new ConcurrentLinkedQueue<>();
    /** Held by whoever removes deadlines (a sweep, a watcher dropping answered ones), so that a peek and a poll agree. */
    private final ReentrantLock removing = new ReentrantLock();
    private final AtomicBoolean sweepScheduled = new AtomicBoolean();
    private final AtomicInteger watchedSinceSweep = new AtomicInteger();
    private final AtomicLong sweeps = new AtomicLong();
    private final long deadlineNanos;
    private volatile ScheduledFuture<?> nextSweep;
    private volatile boolean closed;

    RequestDeadlines(long deadlineMillis) {
        this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
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

    /** Starts the deadline of {@code request}, from now. */
    Deadline watch(Watched request) {
        dropAnsweredOldest();
        Deadline deadline = new Deadline(request, System.nanoTime() + deadlineNanos);
        pending.add(deadline);
        if (!sweepScheduled.get() && sweepScheduled.compareAndSet(false, true)) {
            nextSweep = TIMER.schedule(this::scheduledSweep, deadlineNanos, TimeUnit.NANOSECONDS);
        }
        if (watchedSinceSweep.incrementAndGet() == DROP_ANSWERED_EVERY) {
            TIMER.execute(this::sweep);
        }
        return deadline;
    }

    /**
     * Drops the answered deadlines at the front of the queue, unless another thread is removing some: at a few
     * requests in flight that is every answered one, so a client keeps about as many places as it has requests in
     * flight rather than every request of the last deadline.
     */
    private void dropAnsweredOldest() {
        Deadline oldest = pending.peek();
        if (oldest == null || !oldest.answered() || !removing.tryLock()) {
            return;
        }
        try {
            for (oldest = pending.peek(); oldest != null && oldest.answered(); oldest = pending.peek()) {
                pending.poll();
            }
        } finally {
            removing.unlock();
        }
    }

    /** Sweeps, then comes back at the deadline of the oldest request left, if any. */
    private void scheduledSweep() {
        if (closed) {
            return;
        }
        sweep();
        Deadline oldest = pending.peek();
        if (oldest == null) {
            sweepScheduled.set(false);
            // a request watched between the check and the reset saw a sweep scheduled: take its sweep over
            oldest = pending.peek();
            if (oldest == null || !sweepScheduled.compareAndSet(false, true)) {
                return;
            }
        }
        nextSweep = TIMER.schedule(this::scheduledSweep, Math.max(0, oldest.expiresAtNanos - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    /**
     * Forgets every deadline and the next sweep, when the client closes: its requests end with it, and a sweep left
     * scheduled would hold them until the oldest one's deadline.
     */
    void close() {
        closed = true;
        ScheduledFuture<?> next = nextSweep;
        if (next != null) {
            next.cancel(false);
        }
        removing.lock();
        try {
            pending.clear();
        } finally {
            removing.unlock();
        }
    }

    /** Drops what is answered and expires what is late (sweeps run one at a time, on the timer's one thread). */
    private void sweep() {
        sweeps.incrementAndGet();
        watchedSinceSweep.set(0);
        long now = System.nanoTime();
        List<Watched> late = null;
        removing.lock();
        try {
            for (Iterator<Deadline> it = pending.iterator(); it.hasNext(); ) {
                Deadline deadline = it.next();
                Watched request = deadline.request;
                if (request == null || request.isDone()) {
                    it.remove();
                } else if (now - deadline.expiresAtNanos >= 0) {
                    it.remove();
                    if (late == null) {
                        late = new ArrayList<>();
                    }
                    late.add(request);
                }
            }
        } finally {
            removing.unlock();
        }
        if (late != null) {
            late.forEach(Watched::expire); // outside the lock: an expiry runs the request's callbacks
        }
    }

    /** How many deadlines are watched (answered ones stay until the next sweep); for tests. */
    int watched() {
        return pending.size();
    }

    /** How many sweeps ran; for tests. */
    long sweeps() {
        return sweeps.get();
    }
}
