package io.github.lpconnector.camel.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;

/**
 * The Micrometer meters of one endpoint. Loaded only through {@link LivePersonMetrics#create}, after checking that
 * Micrometer is on the classpath.
 */
final class MicrometerLivePersonMetrics implements LivePersonMetrics {

    static final String CONVERSATIONS_CREATED = "liveperson.connector.conversations.created";
    static final String MESSAGES_SENT = "liveperson.connector.messages.sent";
    static final String FAILURES = "liveperson.connector.failures";
    static final String RETRIES = "liveperson.connector.retries";
    static final String CALLS = "liveperson.connector.calls";

    private final MeterRegistry registry;
    private final String accountId;
    // the meters of every exchange, registered once: a builder and register() per use cost ~0.25 us and ~530 bytes;
    // retries and failures (rare, with more tag values) are registered at each use
    private final ConcurrentMap<String, ConcurrentMap<String, Timer>> callsByOperationAndOutcome
            = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> conversationsCreatedByOperation = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> messagesSentByOperation = new ConcurrentHashMap<>();

    private MicrometerLivePersonMetrics(MeterRegistry registry, String accountId) {
        this.registry = registry;
        this.accountId = accountId != null ? accountId : "unknown";
    }

    static LivePersonMetrics create(CamelContext context, String accountId) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        return registry != null ? new MicrometerLivePersonMetrics(registry, accountId) : NONE;
    }

    @Override
    public void callCompleted(String operation, String outcome, long nanos) {
        ConcurrentMap<String, Timer> byOutcome = callsByOperationAndOutcome.get(operation);
        if (byOutcome == null) {
            byOutcome = callsByOperationAndOutcome.computeIfAbsent(operation, o -> new ConcurrentHashMap<>());
        }
        Timer timer = byOutcome.get(outcome);
        if (timer == null) {
            timer = byOutcome.computeIfAbsent(outcome, o -> Timer.builder(CALLS)
                    .description("LivePerson Connector API calls, retries included")
                    .tag("accountId", accountId).tag("operation", operation).tag("outcome", o)
                    .register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
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
        counter(conversationsCreatedByOperation, CONVERSATIONS_CREATED, "Conversations opened", operation).increment();
    }

    @Override
    public void messagesSent(String operation, int count) {
        counter(messagesSentByOperation, MESSAGES_SENT, "Messages published", operation).increment(count);
    }

    private Counter counter(ConcurrentMap<String, Counter> byOperation, String name, String description,
                            String operation) {
        Counter counter = byOperation.get(operation);
        return counter != null ? counter : byOperation.computeIfAbsent(operation, o -> Counter.builder(name)
                .description(description)
                .tag("accountId", accountId).tag("operation", o)
                .register(registry));
    }
}
