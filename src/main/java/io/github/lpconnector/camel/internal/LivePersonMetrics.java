package io.github.lpconnector.camel.internal;

import java.util.function.DoubleSupplier;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the component reports its meters. The default reports nothing; {@link #create} returns a Micrometer-backed
 * instance only when Micrometer is on the classpath and a {@code MeterRegistry} is in the Camel registry, so the
 * component runs without Micrometer. Tag values are bounded: operation, HTTP status, LivePerson errorCode, outcome and
 * the configured account id; never tokens, conversation ids or message content.
 */
interface LivePersonMetrics {

    /** Reports nothing. */
    LivePersonMetrics NONE = new LivePersonMetrics() {
    };

    /** An HTTP call (retries included) is over after {@code nanos}; outcome is success, http_error or transport_error. */
    default void callCompleted(String operation, String outcome, long nanos) {
    }

    /** A retry was scheduled after an answer with {@code status} (or {@code none} when no answer came). */
    default void retryScheduled(String operation, String status) {
    }

    /** An exchange failed. */
    default void failure(String operation, String status, String errorCode) {
    }

    /** A conversation was opened. */
    default void conversationCreated(String operation) {
    }

    /** Messages were published. */
    default void messagesSent(String operation, int count) {
    }

    /**
     * A notified change was handed on or dropped: outcome {@code handed_on}, {@code duplicate}, {@code own_event},
     * {@code unsubscribed} or {@code route_failed}.
     */
    default void notification(String outcome) {
    }

    /**
     * A change waited for its conversation's record ({@code correlationWait}): outcome {@code recorded} (it came) or
     * {@code not_recorded} (handed on without a correlation id).
     */
    default void correlationWait(String outcome) {
    }

    /** A webhook request was refused: cause {@code signature}, {@code account}, {@code malformed} or {@code too_large}. */
    default void notificationRejected(String cause) {
    }

    /**
     * A pace of the account ({@code messaging} or {@code login}) exists: its allowed requests per second and its
     * queue length are read until the returned handle is closed.
     */
    default AutoCloseable paceGauges(String pace, DoubleSupplier requestsPerSecond, DoubleSupplier queued) {
        return () -> { };
    }

    /** A 429 paused the account's pace. */
    default void pacePaused(String pace) {
    }

    /** LivePerson answered 429 to a call of the pace. */
    default void rateLimited(String pace) {
    }

    /** The pace refused a request ({@code queue_full}, {@code queue_wait} or {@code stopped}); nothing was sent. */
    default void paceRefused(String pace, String reason) {
    }

    /** A request waited {@code nanos} for its turn (0 when it could leave at once). */
    default void paceWaited(String pace, long nanos) {
    }

    /**
     * The metrics of an endpoint: Micrometer when present and a {@code MeterRegistry} is bound in the registry, else
     * {@link #NONE}.
     */
    static LivePersonMetrics create(CamelContext context, String accountId) {
        Logger log = LoggerFactory.getLogger(LivePersonMetrics.class);
        Class<?> registryType = context.getClassResolver().resolveClass("io.micrometer.core.instrument.MeterRegistry");
        if (registryType == null) {
            log.debug("Micrometer is not on the classpath: no LivePerson metrics");
            return NONE;
        }
        // only now is the class that imports Micrometer loaded
        return MicrometerMetrics.create(context, accountId);
    }
}
