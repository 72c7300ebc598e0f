package io.github.lpconnector.camel.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@code notifications} endpoint received: webhook requests, changes handed on or dropped (duplicates, the
 * connector's own events, unsubscribed types), requests refused by cause, route failures, and the health verdict
 * drawn from the latest request. Never a secret or message content.
 */
final class NotificationStatistics {

    private final LivePersonMetrics metrics;
    private final LongAdder requests = new LongAdder();
    private final Map<String, LongAdder> changes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> correlationWaits = new ConcurrentHashMap<>();
    private volatile Instant lastDelivery;
    private volatile String lastRefusal;
    /** Why the endpoint is DOWN, or null: set by the latest request when it was refused or failed. */
    private volatile String downReason;

    NotificationStatistics(LivePersonMetrics metrics) {
        this.metrics = metrics;
    }

    void requestReceived() {
        requests.increment();
        lastDelivery = Instant.now();
    }

    /** A change was handed on or dropped, see {@link LivePersonMetrics#notification}. */
    void change(String outcome) {
        changes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        metrics.notification(outcome);
    }

    /** A change waited for its conversation's record, see {@link LivePersonMetrics#correlationWait}. */
    void correlationWaited(boolean recorded) {
        String outcome = recorded ? "recorded" : "not_recorded";
        correlationWaits.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        metrics.correlationWait(outcome);
    }

    void rejected(String cause, String reason) {
        rejected.computeIfAbsent(cause, k -> new LongAdder()).increment();
        metrics.notificationRejected(cause);
        lastRefusal = cause + ": " + reason;
        // a refused signature or account points at the connector's own configuration (secret, account id)
        if ("signature".equals(cause) || "account".equals(cause)) {
            downReason = "the latest notification was refused (" + lastRefusal + ")";
        }
    }

    void answered(boolean routeFailed) {
        downReason = routeFailed
                ? "the route failed on the latest notification (answered 503: LiveEngage retries per its retry policy)"
                : null;
    }

    /** DOWN while the latest request was refused for its signature or account, or failed in the route. */
    CallStatistics.Health health() {
        String reason = downReason;
        return new CallStatistics.Health(reason == null, reason);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("notificationRequests", requests.sum());
        map.put("notifiedChanges", CallStatistics.sums(changes));
        map.put("notificationsRejected", CallStatistics.sums(rejected));
        map.put("correlationWaits", CallStatistics.sums(correlationWaits));
        CallStatistics.putIfSet(map, "lastDelivery", lastDelivery);
        CallStatistics.putIfSet(map, "lastRefusal", lastRefusal);
        return map;
    }

}
