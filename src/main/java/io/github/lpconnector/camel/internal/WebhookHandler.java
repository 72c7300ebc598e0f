package io.github.lpconnector.camel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.lpconnector.camel.ConversationStore;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonConnectorConstants;
import io.github.lpconnector.camel.internal.NotificationReader.Change;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers LiveEngage's webhook POSTs: checks size, account, client id and signature over the raw body, reads the
 * changes, and hands each one on as its own exchange, in order, to {@code next}; then answers 200 - or 503 when the
 * route failed, so that LiveEngage delivers again and the changes already handed on are dropped as duplicates.
 * Refusals are 401 (signature, account, client id), 400 (not a notification) and 413 (too large), before any exchange.
 * An agent's recent event of a conversation the store does not know yet waits up to {@code correlationWait} (from
 * the request's arrival) for its record, re-reading the store, then goes on with or without it.
 * Blocking calls (a database behind the idempotent repository or the conversation store) run on {@code blocking},
 * never on the HTTP server's threads; no thread waits for the route or the record.
 */
public final class WebhookHandler extends AsyncProcessorSupport {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    private static final String SIGNATURE = "x-liveperson-signature";
    private static final String ACCOUNT = "x-liveperson-account-id";
    private static final String CLIENT = "x-liveperson-client-id";

    private final AsyncProcessor next;
    private final Supplier<Exchange> exchanges;
    private final IdempotentRepository repository;
    private final NotificationCorrelation correlation;
    private final Executor blocking;
    private final RecordWait recordWait;
    private final NotificationStatistics statistics;
    private final WebhookSignature signature;
    private final String accountId;
    private final String clientId;
    private final Set<String> eventTypes;
    private final boolean includeOwnEvents;
    private final int maxSize;
    private final long correlationWaitNanos;

    /**
     * @param next       the route each change is handed to
     * @param exchanges  makes the exchange of one change
     * @param repository remembers the changes handed on
     * @param store      the conversations' correlation ids and consumers
     * @param blocking   runs the repository's and the store's calls; {@code Runnable::run} when both never block
     * @param delays     the endpoint's Camel-managed scheduler, which waits out the store's re-reads while a change
     *                   awaits its conversation's record; null (no wait) when the endpoint is not started
     */
    public WebhookHandler(LivePersonConnectorConfiguration configuration, CamelContext context, AsyncProcessor next,
                          Supplier<Exchange> exchanges, IdempotentRepository repository, ConversationStore store,
                          Executor blocking, Supplier<ScheduledExecutorService> delays) {
        this.next = next;
        this.exchanges = exchanges;
        this.repository = repository;
        this.correlation = new NotificationCorrelation(store);
        this.blocking = blocking;
        this.recordWait = new RecordWait(correlation, blocking, delays);
        this.statistics = new NotificationStatistics(LivePersonMetrics.create(context, configuration.getAccountId()));
        String secret = ObjectHelper.isNotEmpty(configuration.getWebhookSecret())
                ? configuration.getWebhookSecret() : configuration.getClientSecret();
        this.signature = configuration.isSignatureRequired() ? new WebhookSignature(secret) : null;
        this.accountId = emptyToNull(configuration.getAccountId());
        this.clientId = emptyToNull(configuration.getClientId());
        this.eventTypes = eventTypes(configuration.getEventTypes());
        this.includeOwnEvents = configuration.isIncludeOwnEvents();
        this.maxSize = configuration.getMaxNotificationSize();
        this.correlationWaitNanos = TimeUnit.MILLISECONDS.toNanos(configuration.getCorrelationWait());
    }

    /** The short names of {@code eventTypes} (manifest keys accepted); throws naming an unknown one. */
    public static Set<String> eventTypes(String option) {
        Set<String> types = Arrays.stream(option.split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).collect(Collectors.toSet());
        for (String type : types) {
            if (!NotificationReader.EVENT_TYPES.contains(type)) {
                throw new IllegalArgumentException("liveperson-connector: option eventTypes names an unknown type '"
                                                   + type + "'; expected some of " + NotificationReader.EVENT_TYPES);
            }
        }
        return types;
    }

    @Override
    public boolean process(Exchange http, AsyncCallback callback) {
        statistics.requestReceived();
        List<Change> changes;
        try {
            changes = accept(http.getMessage());
        } catch (Refused refused) {
            statistics.rejected(refused.kind, refused.getMessage());
            LOG.debug("Refused a notification with HTTP {}: {}", refused.status, refused.getMessage());
            answer(http, refused.status, refused.getMessage());
            callback.done(true);
            return true;
        }
        String account = accountId != null ? accountId : http.getMessage().getHeader(ACCOUNT, String.class);
        long waitUntil = System.nanoTime() + correlationWaitNanos;
        handle(changes, 0, new Request(account, waitUntil, http, callback));
        return false;
    }

    /** The request's changes, or the refusal it gets. */
    private List<Change> accept(Message request) throws Refused {
        Long declared = request.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > maxSize) {
            throw new Refused(413, "too_large", "the body is larger than " + maxSize + " bytes");
        }
        byte[] body = body(request);
        if (accountId != null && !accountId.equals(request.getHeader(ACCOUNT, String.class))) {
            throw new Refused(401, "account", "header " + ACCOUNT + " does not name account " + accountId);
        }
        if (clientId != null && !clientId.equals(request.getHeader(CLIENT, String.class))) {
            throw new Refused(401, "account", "header " + CLIENT + " does not name the configured client id");
        }
        if (signature != null && !signature.matches(body, request.getHeader(SIGNATURE, String.class))) {
            throw new Refused(401, "signature", "header " + SIGNATURE + " is missing or not the body's signature");
        }
        try {
            return NotificationReader.read(body);
        } catch (NotificationReader.NotANotification e) {
            throw new Refused(400, "malformed", "not a LivePerson notification: " + e.getMessage());
        }
    }

    /** The raw body as received, read up to one byte more than the limit. */
    private byte[] body(Message request) throws Refused {
        byte[] bytes;
        Object body = request.getBody();
        if (body instanceof InputStream in) {
            try (in) {
                bytes = in.readNBytes(maxSize + 1);
            } catch (IOException e) {
                throw new Refused(400, "malformed", "the body could not be read");
            }
        } else {
            bytes = request.getBody(byte[].class);
        }
        if (bytes == null) {
            throw new Refused(400, "malformed", "the body is empty");
        }
        if (bytes.length > maxSize) {
            throw new Refused(413, "too_large", "the body is larger than " + maxSize + " bytes");
        }
        return bytes;
    }

    /** The webhook request being answered, and until when its changes may wait for their conversation's record. */
    private record Request(String account, long waitUntil, Exchange http, AsyncCallback callback) {
    }

    /** Hands on {@code changes} from {@code index} on, one after the other, then answers. */
    private void handle(List<Change> changes, int index, Request request) {
        if (index == changes.size()) {
            statistics.answered(false);
            answer(request.http, 200, "OK");
            request.callback.done(false);
            return;
        }
        Change change = changes.get(index);
        String dropped = !eventTypes.contains(change.eventType()) ? "unsubscribed"
                : change.ownEvent() && !includeOwnEvents ? "own_event" : null;
        if (dropped != null) {
            statistics.change(dropped);
            handle(changes, index + 1, request);
            return;
        }
        String key = change.deduplicationKey() != null ? request.account + ":" + change.deduplicationKey() : null;
        CompletableFuture.supplyAsync(() -> admit(key, change, request.account), blocking)
                .thenCompose(lookup -> lookup == null || !lookup.awaitsRecord() || correlationWaitNanos == 0
                        ? CompletableFuture.completedFuture(lookup)
                        : recordWait.await(lookup, request.waitUntil, () -> forget(key)).thenApply(after -> {
                            statistics.correlationWaited(!after.awaitsRecord());
                            return after;
                        }))
                .whenComplete((lookup, failure) -> {
                    if (failure != null) {
                        routeFailed(request, "the change could not be admitted", Futures.unwrap(failure));
                    } else if (lookup == null) {
                        statistics.change("duplicate");
                        handle(changes, index + 1, request);
                    } else {
                        handOn(changes, index, lookup.headers(), key, request);
                    }
                });
    }

    private void handOn(List<Change> changes, int index, Map<String, Object> headers, String key, Request request) {
        Exchange exchange = exchanges.get();
        exchange.getMessage().setBody(changes.get(index).notification());
        exchange.getMessage().getHeaders().putAll(headers);
        if (key != null) {
            exchange.getMessage().setHeader(LivePersonConnectorConstants.CHANGE_ID, key);
        }
        next.process(exchange, doneSync -> settle(key, exchange).whenComplete((ok, error) -> {
            if (error != null || exchange.isFailed()) {
                routeFailed(request, "the route failed", error != null ? error : exchange.getException());
            } else {
                statistics.change("handed_on");
                handle(changes, index + 1, request);
            }
        }));
    }

    /** The change's headers, or null when it was handed on before; runs on {@code blocking}. */
    private NotificationCorrelation.Lookup admit(String key, Change change, String account) {
        if (key != null && !repository.add(key)) {
            return null;
        }
        try {
            return correlation.headers(change, account);
        } catch (RuntimeException e) {
            forget(key);
            throw e;
        }
    }

    private void forget(String key) {
        if (key != null) {
            repository.remove(key);
        }
    }

    /** Confirms a change the route took, or forgets one it failed so that LiveEngage's next delivery is handed on. */
    private CompletableFuture<Void> settle(String key, Exchange exchange) {
        if (key == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            if (exchange.isFailed()) {
                repository.remove(key);
            } else {
                repository.confirm(key);
            }
        }, blocking);
    }

    private void routeFailed(Request request, String what, Throwable cause) {
        statistics.change("route_failed");
        statistics.answered(true);
        LOG.warn("liveperson-connector: {} on a notification ({}); answering 503 so that LiveEngage delivers again",
                what, cause != null ? cause.getClass().getName() : "no exception");
        answer(request.http, 503, what);
        request.callback.done(false);
    }

    private static void answer(Exchange http, int status, String text) {
        Message message = http.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody("{\"status\":" + status + ",\"message\":" + Json.MAPPER.getNodeFactory().textNode(text) + "}");
    }

    /** What {@link NotificationStatistics} reports, for the dev console and the health check. */
    public Map<String, Object> statistics() {
        return statistics.toMap();
    }

    public CallStatistics.Health health() {
        return statistics.health();
    }

    private static String emptyToNull(String value) {
        return ObjectHelper.isEmpty(value) ? null : value;
    }

    /** A request refused before any change was handed on. */
    private static final class Refused extends Exception {
        final int status;
        final String kind;

        Refused(int status, String kind, String reason) {
            super(reason, null, false, false);
            this.status = status;
            this.kind = kind;
        }
    }
}
