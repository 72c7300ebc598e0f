package io.github.lpconnector.camel.emulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run-time fault control of a {@link LiveEngageEmulator}. Thread-safe; every setter takes effect for the next request.
 * <p>
 * Faults apply to CREATE, SEND and the file storage ({@code swift}), and also to domain, Sentinel and IDP calls when
 * {@link #applyToAuthEndpoints(boolean)} is on. For each eligible request one random number {@code r} in [0,1) is drawn
 * and compared with the shares in this order: drop, stall, then each status share in the order first configured; the
 * shares are cumulative, so their sum should stay at or below 1. {@link #latency(Duration)} is added to every answer of
 * an eligible endpoint (including injected status answers).
 * <ul>
 * <li>status: the emulator answers that status instead of processing the request (nothing is stored); 429 carries
 * {@code Retry-After: 1}. The body has the usual error shape with errorCode {@code status*100+1}.</li>
 * <li>drop: the connection is closed without any HTTP answer; the client sees an I/O error. Counted as status 0.</li>
 * <li>stall: the request is processed (so it may have taken effect!) but its answer is written only after the stall
 * duration; {@code null} stalls until the emulator is closed (or reset). Stalls never block a thread.</li>
 * </ul>
 */
public final class FaultInjection {

    /** What to do with one request. */
    enum Kind { NONE, STATUS, DROP, STALL }

    record Decision(Kind kind, int status, Duration stall) {
        static final Decision NONE = new Decision(Kind.NONE, 0, null);
    }

    private record Config(Duration latency, Map<Integer, Double> statusShares, double dropShare, double stallShare,
            Duration stall, boolean authEndpoints) {
    }

    private static final Config EMPTY = new Config(Duration.ZERO, Map.of(), 0, 0, null, false);

    private volatile Config config = EMPTY;
    private volatile Random random = new Random();
    private final java.util.Queue<Integer> nextStatuses = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicLong injected = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicLong> injectedByKind = new ConcurrentHashMap<>();

    FaultInjection() {
    }

    /** Adds {@code d} to every answer (null or zero: none). */
    public synchronized FaultInjection latency(Duration d) {
        Config c = config;
        config = new Config(d == null ? Duration.ZERO : d, c.statusShares, c.dropShare, c.stallShare, c.stall,
                c.authEndpoints);
        return this;
    }

    /** Answers {@code status} instead of processing for a {@code share} (0..1) of the requests; 0 removes it. */
    public synchronized FaultInjection statusShare(int status, double share) {
        checkShare(share);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Config c = config;
        Map<Integer, Double> shares = new LinkedHashMap<>(c.statusShares);
        if (share == 0) {
            shares.remove(status);
        } else {
            shares.put(status, share);
        }
        config = new Config(c.latency, java.util.Collections.unmodifiableMap(shares), c.dropShare, c.stallShare,
                c.stall, c.authEndpoints);
        return this;
    }

    /**
     * Answers the next requests (of the endpoints faults apply to) with these statuses, one each, in order, before
     * any share applies: a deterministic sequence, e.g. {@code nextStatuses(429)} for one rate-limit refusal.
     */
    public FaultInjection nextStatuses(int... statuses) {
        for (int status : statuses) {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("not an HTTP status: " + status);
            }
            nextStatuses.add(status);
        }
        return this;
    }

    /** Closes the connection without answer for a {@code share} (0..1) of the requests. */
    public synchronized FaultInjection dropShare(double share) {
        checkShare(share);
        Config c = config;
        config = new Config(c.latency, c.statusShares, share, c.stallShare, c.stall, c.authEndpoints);
        return this;
    }

    /**
     * For a {@code share} (0..1) of the requests, processes them but writes the answer only after {@code stall};
     * {@code null} = never (until close/reset).
     */
    public synchronized FaultInjection stallShare(double share, Duration stall) {
        checkShare(share);
        Config c = config;
        config = new Config(c.latency, c.statusShares, c.dropShare, share, stall, c.authEndpoints);
        return this;
    }

    /** Whether the faults also hit the domain, Sentinel and IDP endpoints (default false). */
    public synchronized FaultInjection applyToAuthEndpoints(boolean apply) {
        Config c = config;
        config = new Config(c.latency, c.statusShares, c.dropShare, c.stallShare, c.stall, apply);
        return this;
    }

    /** Makes the random choice deterministic (for sequential requests). */
    public FaultInjection seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** Removes every fault and the latency; the injected counters are kept (see {@link #resetCounters()}). */
    public synchronized FaultInjection clear() {
        config = EMPTY;
        nextStatuses.clear();
        return this;
    }

    /** How many faults (status, drop, stall) were injected so far. */
    public long injected() {
        return injected.get();
    }

    /** Injected faults of one kind: "drop", "stall", "status" (all statuses) or "status 429" etc. */
    public long injected(String kind) {
        AtomicLong n = injectedByKind.get(kind);
        return n == null ? 0 : n.get();
    }

    public Duration latency() {
        return config.latency;
    }

    void resetCounters() {
        injected.set(0);
        injectedByKind.clear();
    }

    boolean appliesTo(String endpoint) {
        return "create".equals(endpoint) || "send".equals(endpoint) || "swift".equals(endpoint) || config.authEndpoints
                && ("domain".equals(endpoint) || "sentinel".equals(endpoint) || "idp".equals(endpoint));
    }

    Decision decide() {
        Integer next = nextStatuses.poll();
        if (next != null) {
            return status(next);
        }
        Config c = config;
        if (c.dropShare == 0 && c.stallShare == 0 && c.statusShares.isEmpty()) {
            return Decision.NONE;
        }
        double r = random.nextDouble();
        double acc = c.dropShare;
        if (r < acc) {
            count("drop");
            return new Decision(Kind.DROP, 0, null);
        }
        acc += c.stallShare;
        if (r < acc) {
            count("stall");
            return new Decision(Kind.STALL, 0, c.stall);
        }
        for (Map.Entry<Integer, Double> e : c.statusShares.entrySet()) {
            acc += e.getValue();
            if (r < acc) {
                return status(e.getKey());
            }
        }
        return Decision.NONE;
    }

    private Decision status(int status) {
        count("status");
        injectedByKind.computeIfAbsent("status " + status, k -> new AtomicLong()).incrementAndGet();
        return new Decision(Kind.STATUS, status, null);
    }

    private void count(String kind) {
        injected.incrementAndGet();
        injectedByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    private static void checkShare(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in [0,1]: " + share);
        }
    }
}
