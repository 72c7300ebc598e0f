package io.github.lpconnector.camel.internal;

import java.util.concurrent.TimeUnit;

/**
 * The arithmetic of one pace, on {@link System#nanoTime()}-like instants handed in by the caller: when the next
 * request may leave, how a 429 pauses and lowers the rate, how accepted answers raise it. Not thread-safe: {@link Pace}
 * calls it under its lock.
 * <p>
 * The scheme is AIMD with a slow start, as TCP finds the capacity of a path it does not know:
 * <ul>
 * <li>Requests leave evenly spaced at the current rate (a GCRA: a request may leave once the previous one's slot is
 * over, up to {@link #TOLERANCE_NANOS} early so that a late timer does not cost throughput), never in a burst.</li>
 * <li>With no known limit the rate starts at {@link #START_RATE} and doubles every {@link #DOUBLING_NANOS} while
 * requests wait for it and LiveEngage accepts them all, so a burst reaches an unknown limit within a few seconds
 * with a handful of 429s. It never runs ahead of twice the rate at which requests left over the last second: a rate
 * the requests do not reach, because connections or the route hold them back, says nothing of LiveEngage's capacity,
 * and would send the whole queue at once the moment they are released. (Departures, not answers: a slow answer must
 * not slow the start.) A known limit ({@code maxRequestsPerSecond}) is the start and the ceiling instead.</li>
 * <li>A 429 pauses every request for its pause (LivePerson asks for at least 1 s) and sets the rate to
 * {@link #DECREASE} times the lower of the current rate and the rate LiveEngage accepted over the last second:
 * during a slow start the allowed rate can be far above what was used, and what was accepted is the better estimate
 * of the limit. 429s of requests that left before that decrease change nothing more: they answer the same
 * overload.</li>
 * <li>While requests wait and LiveEngage accepts them, the rate grows by a tenth of the rate at the last decrease each
 * second (at least {@link #MIN_INCREASE} per second): a known step back to the limit in ten seconds, probing past it
 * slowly. The rate never grows while nothing waits for it, so a pace idle for an hour does not release a burst.</li>
 * </ul>
 * Several instances against one account each run this on their own and converge below the account's limit: each 429
 * makes the instance that got it slow down multiplicatively, and the increase is additive.
 */
final class PaceRate {

    static final double START_RATE = 20;
    static final long DOUBLING_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    static final double DECREASE = 0.8;
    static final double MIN_RATE = 1;
    static final double MIN_INCREASE = 5;
    /** Beyond this the pace no longer spaces requests at all. */
    static final double MAX_RATE = 100_000;
    static final long TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** The rings of the last second count in tenths of a second. */
    private static final int SLICES = 10;
    private static final long SLICE = SECOND / SLICES;

    private double ceiling;
    private double rate;
    private boolean slowStart;
    private double increasePerSecond;
    /** When the slot of the last request sent ends: the next one may leave then (the GCRA's theoretical arrival). */
    private long nextSlot;
    private long pausedUntil;
    private boolean paused;
    private long lastDecrease;
    private boolean decreased;
    private long lastGrowth;
    private final long[] accepted = new long[SLICES];
    private final long[] acceptedSlice = new long[SLICES];
    /** The requests that left in the last second, in tenths of a second. */
    private final long[] departures = new long[SLICES];
    private final long[] departuresSlice = new long[SLICES];

    /** @param ceiling the most requests per second ({@code maxRequestsPerSecond}), or 0 when unknown */
    PaceRate(double ceiling, long now) {
        this.ceiling = ceiling > 0 ? ceiling : Double.POSITIVE_INFINITY;
        this.slowStart = ceiling <= 0;
        this.rate = slowStart ? START_RATE : ceiling;
        this.increasePerSecond = Math.max(MIN_INCREASE, rate / 10);
        this.nextSlot = now;
        this.lastGrowth = now;
    }

    /** Lowers the ceiling to {@code max} when it is set and lower; the lowest of all endpoints of the account wins. */
    void capAt(double max) {
        if (max > 0 && max < ceiling) {
            ceiling = max;
            rate = Math.min(rate, max);
            slowStart = false;
        }
    }

    /** The earliest instant the next request may leave. */
    long nextDeparture() {
        long next = nextSlot - TOLERANCE_NANOS;
        return paused ? Math.max(next, pausedUntil) : next;
    }

    boolean mayLeave(long now) {
        if (paused && now - pausedUntil >= 0) {
            paused = false;
        }
        return !paused && now - (nextSlot - TOLERANCE_NANOS) >= 0;
    }

    /** A request leaves now: the next one's slot starts one interval later. */
    void left(long now) {
        nextSlot = (now - nextSlot > 0 ? now : nextSlot) + (long) (SECOND / rate);
        count(departures, departuresSlice, now);
    }

    /**
     * LiveEngage accepted a request (any answer but 429 and 5xx).
     *
     * @param waited whether the request had to wait for its turn: only then was the rate what held it back
     */
    void accepted(long now, boolean waited) {
        count(accepted, acceptedSlice, now);
        long elapsed = now - lastGrowth;
        if (elapsed <= 0) {
            return; // still within a pause, or an answer older than the last growth
        }
        lastGrowth = now;
        if (!waited) {
            return;
        }
        long counted = Math.min(elapsed, SECOND); // a long quiet spell is not a long success
        if (slowStart) {
            rate = Math.min(rate * Math.pow(2, counted / (double) DOUBLING_NANOS),
                    Math.max(START_RATE, 2 * leftLastSecond(now)));
        } else {
            rate = rate + increasePerSecond * counted / SECOND;
        }
        rate = Math.min(rate, Math.min(ceiling, MAX_RATE));
    }

    /**
     * LiveEngage answered 429 to a request that left at {@code leftAt}: pause every request until {@code now +
     * pauseNanos}, and lower the rate unless an earlier 429 already did so for this overload.
     *
     * @return true when this 429 started a pause (the pace was not paused already)
     */
    boolean rateLimited(long now, long leftAt, long pauseNanos) {
        boolean started = !paused || now - pausedUntil >= 0;
        long until = now + pauseNanos;
        if (started || until - pausedUntil > 0) {
            pausedUntil = until;
        }
        paused = true;
        if (nextSlot - pausedUntil < 0) {
            nextSlot = pausedUntil;
        }
        if (!decreased || leftAt - lastDecrease > 0) {
            double base = Math.min(rate, Math.max(acceptedLastSecond(now), MIN_RATE));
            rate = Math.max(MIN_RATE, base * DECREASE);
            increasePerSecond = Math.max(MIN_INCREASE, base / 10);
            slowStart = false;
            decreased = true;
            lastDecrease = now;
            lastGrowth = pausedUntil;
        }
        return started;
    }

    private double acceptedLastSecond(long now) {
        return lastSecond(accepted, acceptedSlice, now);
    }

    private double leftLastSecond(long now) {
        return lastSecond(departures, departuresSlice, now);
    }

    /** Counts one event at {@code now} in a ring of tenths of a second. */
    private static void count(long[] counts, long[] slices, long now) {
        long slice = Math.floorDiv(now, SLICE);
        int i = (int) Math.floorMod(slice, SLICES);
        if (slices[i] != slice) {
            slices[i] = slice;
            counts[i] = 0;
        }
        counts[i]++;
    }

    private static double lastSecond(long[] counts, long[] slices, long now) {
        long current = Math.floorDiv(now, SLICE);
        long sum = 0;
        for (int i = 0; i < SLICES; i++) {
            if (current - slices[i] < SLICES) {
                sum += counts[i];
            }
        }
        return sum;
    }

    /** The requests per second now allowed. */
    double rate() {
        return rate;
    }

    /** Nanoseconds the pause has left at {@code now}; 0 when not paused. */
    long pausedFor(long now) {
        return paused && pausedUntil - now > 0 ? pausedUntil - now : 0;
    }
}
