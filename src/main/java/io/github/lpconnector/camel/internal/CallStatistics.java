package io.github.lpconnector.camel.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.github.lpconnector.camel.LivePersonThrottledException;
import io.github.lpconnector.camel.LivePersonTransportException;
import org.apache.camel.CamelContext;

/**
 * What an endpoint's HTTP calls to LivePerson saw - calls, calls in flight, retries, the last status, refused tokens,
 * rate limiting, an unreachable domain, the AppJWT's expiry, and the state of the account's pace (requests per
 * second, queue length, pauses, 429s) - and the health verdict drawn from it. The client
 * writes it as calls happen; the health check, the dev console and the metrics read it. It never holds a token,
 * message content or personal data.
 */
public final class CallStatistics {

    /** How many 5xx/429 answers (or lost connections) in a row make the endpoint DOWN. */
    public static final int REPEATED_SERVER_TROUBLE = 3;

    /** UP or DOWN, and why. */
    public record Health(boolean up, String reason) {
    }

    private final LivePersonMetrics metrics;
    private final LongAdder calls = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder retries = new LongAdder();
    private final AtomicInteger waitingForRetry = new AtomicInteger();
    private final AtomicInteger serverTroubleInARow = new AtomicInteger();
    private volatile Integer lastHttpStatus;
    private volatile Integer authRefusedStatus;
    private volatile String unreachable;
    private volatile boolean rateLimited;
    private volatile Instant last429;
    private volatile Long lastRetryAfterSeconds;
    /** The last AppJWT a call carried (compared by reference: most calls carry the same one) and its expiry. */
    private volatile String lastAppJwt;
    private volatile Instant appJwtExpiry;
    /** The paces the calls went through: the account's messaging pace, and its login pace. */
    private volatile Pace messagingPace;
    private volatile Pace loginPace;
    private final int maxQueuedRequests;

    /** @param maxQueuedRequests the endpoint's bound of its account's queue, to tell when it is full */
    public CallStatistics(CamelContext context, String accountId, int maxQueuedRequests) {
        this.metrics = LivePersonMetrics.create(context, accountId);
        this.maxQueuedRequests = maxQueuedRequests;
    }

    // ---- written by the client

    long callStarted(String operation, String appJwt) {
        calls.increment();
        inFlight.incrementAndGet();
        noteAppJwt(appJwt);
        return System.nanoTime();
    }

    /** Notes the expiry of the AppJWT in use: called for each call's token, and for the option's at start. */
    public void noteAppJwt(String appJwt) {
        if (appJwt != null && appJwt != lastAppJwt) {
            appJwtExpiry = JwtClaims.of(appJwt).expiry();
            lastAppJwt = appJwt;
        }
    }

    /** Notes the pace a call goes through. */
    void pace(Pace pace) {
        if (pace.kind() == Pace.Kind.MESSAGING) {
            messagingPace = pace;
        } else {
            loginPace = pace;
        }
    }

    void retryScheduled(String operation, LivePersonClient.Answer answer, Throwable failure) {
        retries.increment();
        waitingForRetry.incrementAndGet();
        if (answer != null) {
            onAnswer(answer);
        } else {
            unreachable = "could not connect (" + Futures.unwrap(failure).getClass().getSimpleName() + "), retrying";
            serverTroubleInARow.incrementAndGet();
        }
        metrics.retryScheduled(operation, answer != null ? String.valueOf(answer.status()) : "none");
    }

    void retryStarted() {
        waitingForRetry.decrementAndGet();
    }

    void callCompleted(String operation, long started, LivePersonClient.Answer answer, Throwable failure) {
        inFlight.decrementAndGet();
        String outcome;
        if (answer != null) {
            onAnswer(answer);
            outcome = answer.isSuccess() ? "success" : "http_error";
        } else if (Futures.unwrap(failure) instanceof LivePersonThrottledException) {
            outcome = "throttled";
        } else {
            onNoAnswer(failure);
            outcome = "transport_error";
        }
        metrics.callCompleted(operation, outcome, System.nanoTime() - started);
    }

    private void onAnswer(LivePersonClient.Answer answer) {
        int status = answer.status();
        lastHttpStatus = status;
        unreachable = null;
        rateLimited = status == 429;
        if (rateLimited) {
            last429 = Instant.now();
            lastRetryAfterSeconds = answer.retryAfterSeconds();
        }
        if (status == 429 || status >= 500) {
            serverTroubleInARow.incrementAndGet();
        } else {
            serverTroubleInARow.set(0);
        }
        if (status == 401 || status == 403) {
            authRefusedStatus = status;
        } else if (answer.isSuccess()) {
            authRefusedStatus = null;
        }
    }

    private void onNoAnswer(Throwable failure) {
        if (Futures.unwrap(failure) instanceof LivePersonTransportException transport) {
            if (transport.isRequestSent()) {
                serverTroubleInARow.incrementAndGet(); // LivePerson was reached but did not answer in time
            } else {
                unreachable = transport.getMessage();
            }
        }
    }

    // ---- read by the health check, the dev console and tests

    /** The health of the endpoint, judged from what the calls saw; sends nothing. */
    public Health health() {
        Integer refused = authRefusedStatus;
        if (refused != null) {
            return new Health(false, "LivePerson refused the token (HTTP " + refused + ")");
        }
        String unreachableNow = unreachable;
        if (unreachableNow != null) {
            return new Health(false, "LivePerson domain unreachable: " + unreachableNow);
        }
        int trouble = serverTroubleInARow.get();
        if (trouble >= REPEATED_SERVER_TROUBLE) {
            return new Health(false, "LivePerson failed " + trouble + " times in a row (last HTTP "
                                     + (lastHttpStatus != null ? lastHttpStatus : "none")
                                     + (rateLimited ? ", rate limited" : "") + ")");
        }
        Pace pace = messagingPace;
        if (pace != null && pace.queued() >= maxQueuedRequests) {
            return new Health(false, "the account's queue is full (" + pace.queued() + " requests wait for their"
                                     + " turn, maxQueuedRequests): new exchanges fail at once");
        }
        int waiting = waitingForRetry.get();
        if (waiting > 0) {
            return new Health(false, waiting + " call(s) waiting for a retry (last HTTP "
                                     + (lastHttpStatus != null ? lastHttpStatus : "none") + ")");
        }
        return new Health(true, null);
    }

    public Integer lastHttpStatus() {
        return lastHttpStatus;
    }

    /** The expiry of the last AppJWT a call carried, given or obtained, when it is a JWT with {@code exp}. */
    public Instant appJwtExpiry() {
        return appJwtExpiry;
    }

    /** Everything above as plain values (numbers, strings, booleans), for consoles and health details. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("calls", calls.sum());
        map.put("inFlight", inFlight.get());
        map.put("retries", retries.sum());
        map.put("callsRetrying", waitingForRetry.get());
        putIfSet(map, "lastHttpStatus", lastHttpStatus);
        map.put("rateLimited", rateLimited);
        putIfSet(map, "last429", last429);
        putIfSet(map, "lastRetryAfterSeconds", lastRetryAfterSeconds);
        putIfSet(map, "tokenExpiry", appJwtExpiry);
        putPace(map, "pace", messagingPace);
        putPace(map, "loginPace", loginPace);
        return map;
    }

    /** The pace's state under {@code prefix}, e.g. {@code paceRequestsPerSecond}, {@code paceQueued}. */
    private static void putPace(Map<String, Object> map, String prefix, Pace pace) {
        if (pace != null) {
            pace.state().forEach((key, value) -> map.put(prefix + Character.toUpperCase(key.charAt(0))
                                                         + key.substring(1), value));
        }
    }

    /** The current sums of counters by key, sorted by key. */
    static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> answer = new TreeMap<>();
        adders.forEach((k, v) -> answer.put(k, v.sum()));
        return answer;
    }

    static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value instanceof Instant ? value.toString() : value);
        }
    }
}
