package io.github.lpconnector.camel;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.http.HttpCallObserver;
import io.github.lpconnector.camel.http.LivePersonHttpResponse;
import io.github.lpconnector.camel.http.RetryingHttpCall;
import io.github.lpconnector.camel.metrics.LivePersonMetrics;
import io.github.lpconnector.camel.result.CreateConversationResult;
import io.github.lpconnector.camel.result.RequestOutcome;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.TYPE_PUBLISH_EVENT;

/**
 * What one endpoint has seen of LivePerson: calls, failures by HTTP status and LivePerson errorCode, retries, the last
 * error, rate limiting and the expiry of the AppJWT. The call path writes it ({@link HttpCallObserver} for the HTTP
 * calls, {@link #observe} for the outcome of each exchange); the health check, the dev console and the metrics read
 * it. It holds no token, no message content and no personal data: error texts come from the component's own
 * exceptions, other exceptions are recorded by class name only.
 */
public class LivePersonEndpointStatistics implements HttpCallObserver {

    /** How many 5xx/429 answers (or lost connections) in a row make the endpoint DOWN. */
    public static final int REPEATED_SERVER_TROUBLE = 3;

    private static final Logger LOG = LoggerFactory.getLogger(LivePersonEndpointStatistics.class);
    private static final int MAX_ERROR_TEXT = 300;

    private final LivePersonConnectorEndpoint endpoint;
    private volatile LivePersonMetrics metrics = LivePersonMetrics.NONE;

    private final LongAdder exchanges = new LongAdder();
    private final LongAdder exchangesFailed = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder retries = new LongAdder();
    private final Set<CompletableFuture<?>> retrying = ConcurrentHashMap.newKeySet();
    private final LongAdder conversationsCreated = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final Map<String, LongAdder> failuresByStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failuresByErrorCode = new ConcurrentHashMap<>();
    private final AtomicInteger serverTroubleInARow = new AtomicInteger();

    private volatile Integer lastHttpStatus;
    private volatile boolean authRefused;
    private volatile int authRefusedStatus;
    private volatile String unreachable;
    private volatile boolean rateLimited;
    private volatile Instant last429;
    private volatile Long lastRetryAfterSeconds;
    private volatile String lastError;
    private volatile Instant lastErrorTime;
    private volatile int lastTokenHash;
    private volatile Instant tokenExpiry;

    public LivePersonEndpointStatistics(LivePersonConnectorEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    void setMetrics(LivePersonMetrics metrics) {
        this.metrics = metrics != null ? metrics : LivePersonMetrics.NONE;
    }

    // ---- writers: the HTTP call path

    @Override
    public long callStarted(String operation) {
        calls.increment();
        inFlight.incrementAndGet();
        return System.nanoTime();
    }

    @Override
    public void callCompleted(String operation, CompletableFuture<RetryingHttpCall.Answer> call, long started,
                              RetryingHttpCall.Answer answer, Throwable failure) {
        inFlight.decrementAndGet();
        if (!retrying.isEmpty()) {
            retrying.remove(call);
        }
        String outcome;
        if (answer != null) {
            onAnswer(answer.response());
            outcome = answer.response().isSuccess() ? "success" : "http_error";
        } else {
            onNoAnswer(failure);
            outcome = "transport_error";
        }
        metrics.callCompleted(operation, outcome, System.nanoTime() - started);
    }

    @Override
    public void retryScheduled(
            String operation, CompletableFuture<RetryingHttpCall.Answer> call, int attempt,
            LivePersonHttpResponse response, Throwable failure, long delayMillis) {
        retries.increment();
        if (!call.isDone()) {
            retrying.add(call);
        }
        if (response != null) {
            onAnswer(response);
        } else {
            unreachable = "could not connect (" + unwrap(failure).getClass().getSimpleName() + "), retrying";
            serverTroubleInARow.incrementAndGet();
        }
        metrics.retryScheduled(operation, response != null ? String.valueOf(response.status()) : "none");
    }

    private void onAnswer(LivePersonHttpResponse response) {
        int status = response.status();
        if (response.isSuccess() && !rateLimited && !authRefused && unreachable == null) {
            // the usual answer: only what changes is written (a volatile write per field would be paid per call)
            if (lastHttpStatus == null || lastHttpStatus != status) {
                lastHttpStatus = status;
            }
            if (serverTroubleInARow.get() != 0) {
                serverTroubleInARow.set(0);
            }
            return;
        }
        lastHttpStatus = status;
        unreachable = null;
        if (status == 429) {
            rateLimited = true;
            last429 = Instant.now();
            lastRetryAfterSeconds = response.retryAfterSeconds();
        } else {
            rateLimited = false;
        }
        if (status == 429 || status >= 500) {
            serverTroubleInARow.incrementAndGet();
        } else {
            serverTroubleInARow.set(0);
        }
        if (status == 401 || status == 403) {
            authRefused = true;
            authRefusedStatus = status;
        } else if (response.isSuccess()) {
            authRefused = false;
        }
    }

    private void onNoAnswer(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof LivePersonTransportException transport) {
            if (transport.isRequestSent()) {
                // LivePerson was reached but did not answer in time, or dropped the connection
                serverTroubleInARow.incrementAndGet();
            } else {
                unreachable = transport.getMessage();
            }
        }
    }

    // ---- writer: the outcome of each exchange

    /**
     * Wraps the producer's callback so that the outcome of the exchange is recorded when it is done, on every path.
     */
    public AsyncCallback observe(Exchange exchange, AsyncCallback callback) {
        try {
            noteAppJwt(exchange);
        } catch (RuntimeException e) {
            LOG.trace("Could not read the AppJWT expiry", e);
        }
        return doneSync -> {
            try {
                exchangeDone(exchange);
            } catch (RuntimeException e) {
                LOG.debug("Could not record the outcome of exchange {}", exchange.getExchangeId(), e);
            } finally {
                callback.done(doneSync);
            }
        };
    }

    private void exchangeDone(Exchange exchange) {
        exchanges.increment();
        String operation = operation();
        Exception e = exchange.getException();
        if (e == null) {
            Object body = exchange.getMessage().getBody();
            if (body instanceof CreateConversationResult result) {
                conversationsCreated.increment();
                metrics.conversationCreated(operation);
                int published = 0;
                for (RequestOutcome outcome : result.outcomes()) { // a loop: this runs for every exchange
                    if (TYPE_PUBLISH_EVENT.equals(outcome.type()) && outcome.isOk()) {
                        published++;
                    }
                }
                if (published > 0) {
                    messagesSent.add(published);
                    metrics.messagesSent(operation, published);
                }
            } else if (endpoint.getOperation() == LivePersonConnectorOperation.send) {
                messagesSent.increment();
                metrics.messagesSent(operation, 1);
            }
            return;
        }
        exchangesFailed.increment();
        String status;
        String errorCode;
        if (e instanceof LivePersonHttpException http) {
            status = String.valueOf(http.getHttpResponseCode());
            errorCode = http.getErrorCode() != null ? String.valueOf(http.getErrorCode()) : "none";
        } else if (e instanceof LivePersonRequestFailedException refused) {
            status = String.valueOf(exchange.getMessage().getHeader(LivePersonConnectorConstants.HTTP_STATUS, 200,
                    Integer.class));
            errorCode = boundedCode(refused.getCode());
        } else if (e instanceof LivePersonTransportException transport) {
            status = "none";
            errorCode = transport.isTimeout() ? "timeout" : "transport";
        } else if (e instanceof LivePersonValidationException) {
            status = "none";
            errorCode = "validation";
        } else {
            status = "none";
            errorCode = "error";
        }
        failuresByStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
        failuresByErrorCode.computeIfAbsent(errorCode, k -> new LongAdder()).increment();
        lastError = describe(e);
        lastErrorTime = Instant.now();
        metrics.failure(operation, status, errorCode);
    }

    /** A request item's code as a tag: a number, {@code missing}, or {@code other}. */
    private static String boundedCode(String code) {
        if (code == null) {
            return "none";
        }
        return code.matches("\\d{1,6}") || "missing".equals(code) ? code : "other";
    }

    private static String describe(Exception e) {
        if (e instanceof LivePersonConnectorException && e.getMessage() != null) {
            String text = e.getClass().getSimpleName() + ": " + e.getMessage();
            return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "..." : text;
        }
        // other messages may quote the body (e.g. a JSON parser error): keep the class only
        return e.getClass().getName();
    }

    private void noteAppJwt(Exchange exchange) {
        Object property = exchange.getProperty(PROPERTY_APP_JWT);
        noteAppJwt(property != null ? property.toString() : endpoint.getConfiguration().getAppJwt());
    }

    /** Reads the expiry of the AppJWT in use (once per token: most exchanges carry the same one). */
    void noteAppJwt(String token) {
        if (token == null) {
            return;
        }
        int hash = token.hashCode();
        if (hash != lastTokenHash) {
            lastTokenHash = hash;
            tokenExpiry = jwtExpiry(token);
        }
    }

    /** The {@code exp} claim of a JWT, read without verifying it; null when the token is no JWT or has none. */
    static Instant jwtExpiry(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = LivePersonJson.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = claims != null ? claims.get("exp") : null;
            return exp != null && exp.canConvertToLong() ? Instant.ofEpochSecond(exp.asLong()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private String operation() {
        return endpoint.getOperation() != null ? endpoint.getOperation().name() : "unknown";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    // ---- readers

    /** UP or DOWN, and why. */
    public record Health(boolean up, String reason) {
    }

    /** The health of the endpoint, judged from what the calls saw; sends nothing. */
    public Health health() {
        if (authRefused) {
            return new Health(false, "LivePerson refused the token (HTTP " + authRefusedStatus + ")");
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
        int waiting = retrying.size();
        if (waiting > 0) {
            return new Health(false, waiting + " call(s) waiting for a retry (last HTTP "
                                     + (lastHttpStatus != null ? lastHttpStatus : "none") + ")");
        }
        return new Health(true, null);
    }

    public long getExchanges() {
        return exchanges.sum();
    }

    public long getExchangesFailed() {
        return exchangesFailed.sum();
    }

    public long getCalls() {
        return calls.sum();
    }

    public int getInFlight() {
        return inFlight.get();
    }

    public long getRetries() {
        return retries.sum();
    }

    public int getCallsRetrying() {
        return retrying.size();
    }

    public long getConversationsCreated() {
        return conversationsCreated.sum();
    }

    public long getMessagesSent() {
        return messagesSent.sum();
    }

    public Map<String, Long> getFailuresByStatus() {
        return sums(failuresByStatus);
    }

    public Map<String, Long> getFailuresByErrorCode() {
        return sums(failuresByErrorCode);
    }

    public Integer getLastHttpStatus() {
        return lastHttpStatus;
    }

    public boolean isRateLimited() {
        return rateLimited;
    }

    public Instant getLast429() {
        return last429;
    }

    public Long getLastRetryAfterSeconds() {
        return lastRetryAfterSeconds;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getLastErrorTime() {
        return lastErrorTime;
    }

    /** The expiry of the last AppJWT used, when it is a JWT with {@code exp}. */
    public Instant getTokenExpiry() {
        return tokenExpiry;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> answer = new TreeMap<>();
        adders.forEach((k, v) -> answer.put(k, v.sum()));
        return answer;
    }

    /** Everything above as a map of plain values (numbers, strings, maps), for consoles and health details. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("exchanges", getExchanges());
        map.put("exchangesFailed", getExchangesFailed());
        map.put("calls", getCalls());
        map.put("inFlight", getInFlight());
        map.put("retries", getRetries());
        map.put("callsRetrying", getCallsRetrying());
        map.put("conversationsCreated", getConversationsCreated());
        map.put("messagesSent", getMessagesSent());
        map.put("failuresByStatus", getFailuresByStatus());
        map.put("failuresByErrorCode", getFailuresByErrorCode());
        putIfSet(map, "lastHttpStatus", lastHttpStatus);
        map.put("rateLimited", rateLimited);
        putIfSet(map, "last429", last429);
        putIfSet(map, "lastRetryAfterSeconds", lastRetryAfterSeconds);
        putIfSet(map, "lastError", lastError);
        putIfSet(map, "lastErrorTime", lastErrorTime);
        putIfSet(map, "tokenExpiry", tokenExpiry);
        return map;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value instanceof Instant ? value.toString() : value);
        }
    }
}
