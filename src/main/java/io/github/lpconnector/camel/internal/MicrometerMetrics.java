package io.github.lpconnector.camel.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
    static final String CORRELATION_WAITS = "liveperson.connector.notifications.correlation.waits";
    static final String PACE_RATE = "liveperson.connector.pace.rate";
    static final String PACE_QUEUED = "liveperson.connector.pace.queued";
    static final String PACE_PAUSES = "liveperson.connector.pace.pauses";
    static final String PACE_RATE_LIMITED = "liveperson.connector.pace.rate.limited";
    static final String PACE_REFUSED = "liveperson.connector.pace.refused";
    static final String PACE_WAIT = "liveperson.connector.pace.wait";

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
                .description("LivePerson Connector API calls, retries and waits for the account's pace included")
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
    public void correlationWait(String outcome) {
        Counter.builder(CORRELATION_WAITS).description("Changes that waited for their conversation's record")
                .tag("accountId", accountId).tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void notificationRejected(String cause) {
        Counter.builder(NOTIFICATIONS_REJECTED).description("Webhook requests refused, by cause")
                .tag("accountId", accountId).tag("cause", cause).register(registry).increment();
    }

    @Override
    public AutoCloseable paceGauges(String pace, DoubleSupplier requestsPerSecond, DoubleSupplier queued) {
        Gauge rate = Gauge.builder(PACE_RATE, requestsPerSecond, DoubleSupplier::getAsDouble)
                .description("Requests per second the account's pace allows now").baseUnit("requests/s")
                .tag("accountId", accountId).tag("pace", pace).strongReference(true)
                .register(registry);
        Gauge length = Gauge.builder(PACE_QUEUED, queued, DoubleSupplier::getAsDouble)
                .description("Requests waiting for their turn in the account's pace")
                .tag("accountId", accountId).tag("pace", pace).strongReference(true)
                .register(registry);
        return () -> {
            registry.remove(rate);
            registry.remove(length);
        };
    }

    @Override
    public void pacePaused(String pace) {
        paceCounter(PACE_PAUSES, "Pauses of the account's pace after a 429", pace).increment();
    }

    @Override
    public void rateLimited(String pace) {
        paceCounter(PACE_RATE_LIMITED, "Answers 429 (Too Many Requests) to calls of the account", pace).increment();
    }

    @Override
    public void paceRefused(String pace, String reason) {
        Counter.builder(PACE_REFUSED)
                .description("Requests the account's pace refused (nothing was sent), by reason")
                .tag("accountId", accountId).tag("pace", pace).tag("reason", reason)
                .register(registry)
                .increment();
    }

    @Override
    public void paceWaited(String pace, long nanos) {
        Timer.builder(PACE_WAIT)
                .description("How long requests waited for their turn in the account's pace")
                .tag("accountId", accountId).tag("pace", pace)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Counter paceCounter(String name, String description, String pace) {
        return Counter.builder(name).description(description).tag("accountId", accountId).tag("pace", pace)
                .register(registry);
    }

    private Counter counter(String name, String description, String operation) {
        return Counter.builder(name).description(description)
                .tag("accountId", accountId).tag("operation", operation)
                .register(registry);
    }
}
