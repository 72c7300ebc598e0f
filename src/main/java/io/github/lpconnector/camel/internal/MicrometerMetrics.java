package io.github.lpconnector.camel.internal;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;

/**
 * The Micrometer meters of one endpoint. Loaded only through {@link LivePersonMetrics#create}, after checking that
 * Micrometer is on the classpath.
 */
final class MicrometerMetrics implements LivePersonMetrics {

    static final String CONVERSATIONS_CREATED = "liveperson.connector.conversations.created";
    static final String MESSAGES_SENT = "liveperson.connector.messages.sent";
    static final String FAILURES = "liveperson.connector.failures";
    static final String RETRIES = "liveperson.connector.retries";
    static final String CALLS = "liveperson.connector.calls";
    static final String NOTIFICATIONS = "liveperson.connector.notifications";
    static final String NOTIFICATIONS_REJECTED = "liveperson.connector.notifications.rejected";

    private final MeterRegistry registry;
    private final String accountId;

    private MicrometerMetrics(MeterRegistry registry, String accountId) {
        this.registry = registry;
        this.accountId = accountId != null ? accountId : "unknown";
    }

    static LivePersonMetrics create(CamelContext context, String accountId) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        return registry != null ? new MicrometerMetrics(registry, accountId) : NONE;
    }

    @Override
    public void callCompleted(String operation, String outcome, long nanos) {
        Timer.builder(CALLS)
                .description("LivePerson Connector API calls, retries included")
                .tag("accountId", accountId).tag("operation", operation).tag("outcome", outcome)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void retryScheduled(String operation, String status) {
        Counter.builder(RETRIES)
                .description("Retries scheduled by the component after 429, 502-504 or a refused connection")
                .tag("accountId", accountId).tag("operation", operation).tag("status", status)
                .register(registry)
                .increment();
    }

    @Override
    public void failure(String operation, String status, String errorCode) {
        Counter.builder(FAILURES)
                .description("Exchanges that failed, by HTTP status and LivePerson errorCode")
                .tag("accountId", accountId).tag("operation", operation)
                .tag("status", status).tag("errorCode", errorCode)
                .register(registry)
                .increment();
    }

    @Override
    public void conversationCreated(String operation) {
        counter(CONVERSATIONS_CREATED, "Conversations opened", operation).increment();
    }

    @Override
    public void messagesSent(String operation, int count) {
        counter(MESSAGES_SENT, "Messages published", operation).increment(count);
    }

    @Override
    public void notification(String outcome) {
        Counter.builder(NOTIFICATIONS).description("Notified changes, handed on or dropped")
                .tag("accountId", accountId).tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void notificationRejected(String cause) {
        Counter.builder(NOTIFICATIONS_REJECTED).description("Webhook requests refused, by cause")
                .tag("accountId", accountId).tag("cause", cause).register(registry).increment();
    }

    private Counter counter(String name, String description, String operation) {
        return Counter.builder(name).description(description)
                .tag("accountId", accountId).tag("operation", operation)
                .register(registry);
    }
}
