package io.github.lpconnector.camel.emulator;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhooks of an App Installation ({@code capabilities.webhooks} of the manifest, liveperson-webhooks.md §4.1):
 * one {@link WebhookEndpoint} per notification type key, and the retry policy. Immutable.
 * <ul>
 * <li>Number-based retries (LivePerson's default, deprecated): each endpoint's {@code max_retries}, one
 * {@link #retryInterval()} apart (LivePerson: 30 s).</li>
 * <li>Time-to-live retention ({@code capabilities.webhooks.retry.retention_time}, seconds, up to 3 days): when set,
 * it replaces {@code max_retries} for every type: a failed notification is retried every {@link #retryInterval()}
 * until delivered or older than the retention time.</li>
 * </ul>
 *
 * @param endpoints     by type key, in the order of {@link #TYPES}; a type without an entry is not sent
 * @param retentionTime {@link Duration#ZERO} for number-based retries
 * @param retryInterval time between two attempts of one notification
 */
public record WebhookRegistrations(Map<String, WebhookEndpoint> endpoints, Duration retentionTime,
        Duration retryInterval) {

    public static final String CONTENT_EVENT = "ms.MessagingEventNotification.ContentEvent";
    public static final String RICH_CONTENT_EVENT = "ms.MessagingEventNotification.RichContentEvent";
    public static final String ACCEPT_STATUS_EVENT = "ms.MessagingEventNotification.AcceptStatusEvent";
    public static final String CHAT_STATE_EVENT = "ms.MessagingEventNotification.ChatStateEvent";
    public static final String CONVERSATION_CHANGE = "cqm.ExConversationChangeNotification";
    /** The five subscribable notification types (manifest keys). */
    public static final List<String> TYPES = List.of(CONTENT_EVENT, RICH_CONTENT_EVENT, ACCEPT_STATUS_EVENT,
            CHAT_STATE_EVENT, CONVERSATION_CHANGE);
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(30);
    public static final Duration MAX_RETENTION = Duration.ofDays(3);

    public WebhookRegistrations {
        Objects.requireNonNull(endpoints, "endpoints");
        Map<String, WebhookEndpoint> ordered = new LinkedHashMap<>();
        for (String type : TYPES) {
            if (endpoints.get(type) != null) {
                ordered.put(type, endpoints.get(type));
            }
        }
        endpoints.keySet().stream().filter(type -> !TYPES.contains(type)).findFirst().ifPresent(type -> {
            throw new IllegalArgumentException("'" + type + "' is not a notification type (one of " + TYPES + ")");
        });
        endpoints = Collections.unmodifiableMap(ordered);
        retentionTime = retentionTime == null ? Duration.ZERO : retentionTime;
        if (retentionTime.isNegative() || retentionTime.compareTo(MAX_RETENTION) > 0) {
            throw new IllegalArgumentException("retry.retention_time must be 0 to 3 days, got " + retentionTime);
        }
        retryInterval = retryInterval == null ? DEFAULT_RETRY_INTERVAL : retryInterval;
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("retry interval must be positive, got " + retryInterval);
        }
    }

    /** No webhook: nothing is sent. */
    public static WebhookRegistrations none() {
        return new WebhookRegistrations(Map.of(), Duration.ZERO, DEFAULT_RETRY_INTERVAL);
    }

    /** All five types to {@code urls} (round-robin when several), no retries. */
    public static WebhookRegistrations allTypes(String... urls) {
        return none().withAllTypes(WebhookEndpoint.of(urls));
    }

    /**
     * Parses a manifest: the whole App Installation JSON, {@code {"webhooks":{..}}} or the {@code webhooks} object
     * itself. Bad input: {@link IllegalArgumentException} naming the field.
     */
    public static WebhookRegistrations fromManifest(String json) {
        return WebhookManifest.parse(json, DEFAULT_RETRY_INTERVAL);
    }

    public Optional<WebhookEndpoint> endpoint(String type) {
        return Optional.ofNullable(endpoints.get(type));
    }

    /** Whether the time-to-live policy is on (a retention time is set). */
    public boolean ttlRetention() {
        return !retentionTime.isZero();
    }

    /** These registrations with {@code type} sent to {@code endpoint} (null: not sent). */
    public WebhookRegistrations with(String type, WebhookEndpoint endpoint) {
        Map<String, WebhookEndpoint> all = new LinkedHashMap<>(endpoints);
        if (endpoint == null) {
            all.remove(type);
        } else {
            all.put(type, endpoint);
        }
        return new WebhookRegistrations(all, retentionTime, retryInterval);
    }

    /** Every type sent to {@code endpoint}. */
    public WebhookRegistrations withAllTypes(WebhookEndpoint endpoint) {
        WebhookRegistrations r = this;
        for (String type : TYPES) {
            r = r.with(type, endpoint);
        }
        return r;
    }

    /** Time-to-live retention (zero: back to number-based retries). */
    public WebhookRegistrations withRetentionTime(Duration retention) {
        return new WebhookRegistrations(endpoints, retention, retryInterval);
    }

    public WebhookRegistrations withRetryInterval(Duration interval) {
        return new WebhookRegistrations(endpoints, retentionTime, interval);
    }

    /** As a manifest: {@code {"capabilities":{"webhooks":{..}}}}. */
    public String toManifest() {
        return WebhookManifest.write(this);
    }
}
