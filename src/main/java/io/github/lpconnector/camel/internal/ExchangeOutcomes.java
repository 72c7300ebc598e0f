package io.github.lpconnector.camel.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.github.lpconnector.camel.LivePersonConnectorConstants;
import io.github.lpconnector.camel.LivePersonConnectorException;
import io.github.lpconnector.camel.LivePersonHttpException;
import io.github.lpconnector.camel.LivePersonRequestFailedException;
import io.github.lpconnector.camel.LivePersonTransportException;
import io.github.lpconnector.camel.LivePersonValidationException;
import io.github.lpconnector.camel.model.CreateConversationResult;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

import static io.github.lpconnector.camel.internal.Protocol.TYPE_PUBLISH_EVENT;

/**
 * The outcome of each exchange of an endpoint: conversations opened, messages sent, failures by HTTP status and
 * LivePerson errorCode, and the last error. Error texts come from the component's own exceptions, which hold no
 * token; any other exception is recorded by its class name only, since its message may quote a body.
 */
public final class ExchangeOutcomes {

    private static final int MAX_ERROR_TEXT = 300;

    private final String operation;
    private final LivePersonMetrics metrics;
    private final LongAdder exchanges = new LongAdder();
    private final LongAdder exchangesFailed = new LongAdder();
    private final LongAdder conversationsCreated = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final Map<String, LongAdder> failuresByStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failuresByErrorCode = new ConcurrentHashMap<>();
    private volatile String lastError;
    private volatile Instant lastErrorTime;

    public ExchangeOutcomes(CamelContext context, String accountId, String operation) {
        this.operation = operation;
        this.metrics = LivePersonMetrics.create(context, accountId);
    }

    /** Records how {@code exchange} ended; never throws. */
    public void record(Exchange exchange) {
        exchanges.increment();
        Exception e = exchange.getException();
        if (e == null) {
            succeeded(exchange.getMessage().getBody());
        } else {
            failed(exchange, e);
        }
    }

    private void succeeded(Object body) {
        if (body instanceof CreateConversationResult result) {
            conversationsCreated.increment();
            metrics.conversationCreated(operation);
            int published = (int) result.outcomes().stream()
                    .filter(o -> TYPE_PUBLISH_EVENT.equals(o.type()) && o.isOk()).count();
            if (published > 0) {
                messagesSent.add(published);
                metrics.messagesSent(operation, published);
            }
        } else if ("send".equals(operation)) {
            messagesSent.increment();
            metrics.messagesSent(operation, 1);
        }
    }

    private void failed(Exchange exchange, Exception e) {
        exchangesFailed.increment();
        String status = "none";
        String errorCode;
        if (e instanceof LivePersonHttpException http) {
            status = String.valueOf(http.getHttpResponseCode());
            errorCode = http.getErrorCode() != null ? String.valueOf(http.getErrorCode()) : "none";
        } else if (e instanceof LivePersonRequestFailedException refused) {
            status = String.valueOf(exchange.getMessage().getHeader(LivePersonConnectorConstants.HTTP_STATUS, 200,
                    Integer.class));
            errorCode = refused.getErrorCode() != null ? String.valueOf(refused.getErrorCode())
                    : refused.getCode() != null && refused.getCode().matches("\\d{1,6}|missing")
                    ? refused.getCode() : "other";
        } else if (e instanceof LivePersonTransportException transport) {
            errorCode = transport.isTimeout() ? "timeout" : "transport";
        } else if (e instanceof LivePersonValidationException) {
            errorCode = "validation";
        } else {
            errorCode = "error";
        }
        failuresByStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
        failuresByErrorCode.computeIfAbsent(errorCode, k -> new LongAdder()).increment();
        lastError = describe(e);
        lastErrorTime = Instant.now();
        metrics.failure(operation, status, errorCode);
    }

    private static String describe(Exception e) {
        if (e instanceof LivePersonConnectorException && e.getMessage() != null) {
            String text = e.getClass().getSimpleName() + ": " + e.getMessage();
            return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "..." : text;
        }
        return e.getClass().getName();
    }

    public long conversationsCreated() {
        return conversationsCreated.sum();
    }

    public long messagesSent() {
        return messagesSent.sum();
    }

    /** Everything above as plain values (numbers, strings, maps), for consoles and health details. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("exchanges", exchanges.sum());
        map.put("exchangesFailed", exchangesFailed.sum());
        map.put("conversationsCreated", conversationsCreated.sum());
        map.put("messagesSent", messagesSent.sum());
        map.put("failuresByStatus", CallStatistics.sums(failuresByStatus));
        map.put("failuresByErrorCode", CallStatistics.sums(failuresByErrorCode));
        CallStatistics.putIfSet(map, "lastError", lastError);
        CallStatistics.putIfSet(map, "lastErrorTime", lastErrorTime);
        return map;
    }

}
